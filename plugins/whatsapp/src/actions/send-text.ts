/**
 * Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/messages/text-messages
 * Free-form text reaches a user only within 24 hours of their last message; after that Meta
 * refuses it with 131047, which this connector reports as INVALID_INPUT saying to send a template.
 */
import { z } from 'zod';
import { defineWhatsAppAction } from '../auth.ts';
import { recipient, sendMessage, sent } from '../send.ts';

export const sendText = defineWhatsAppAction({
  description: 'Send a text message to a user who wrote within the last 24 hours',
  input: z.object({
    to: recipient,
    body: z.string().min(1).max(4096),
    previewUrl: z.boolean().default(false).describe('Render a preview of the first URL in the body'),
    replyTo: z.string().min(1).optional().describe('A message id (wamid) to quote'),
  }),
  output: sent,
  run: (input, ctx) =>
    sendMessage(ctx, input.to, {
      type: 'text',
      text: { body: input.body, preview_url: input.previewUrl },
      ...(input.replyTo ? { context: { message_id: input.replyTo } } : {}),
    }),
});
