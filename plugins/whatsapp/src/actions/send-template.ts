/**
 * Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates
 * (components: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#template-object).
 * The only kind of message that may open a conversation, i.e. reach a user outside the 24-hour window.
 */
import { z } from 'zod';
import { defineWhatsAppAction } from '../auth.ts';
import { recipient, sendMessage, sent } from '../send.ts';

/** A parameter (`{ type: 'text', text }`, `{ type: 'image', image: { link } }`, currency, date_time, payload, ...). */
const parameter = z.object({ type: z.string().min(1) }).catchall(z.unknown());

const component = z.object({
  type: z.enum(['header', 'body', 'button']),
  sub_type: z.enum(['quick_reply', 'url', 'copy_code', 'flow', 'catalog']).optional(),
  index: z.number().int().min(0).max(9).optional(),
  parameters: z.array(parameter).min(1),
});

export const sendTemplate = defineWhatsAppAction({
  description: 'Send an approved message template, with its header, body and button parameters',
  input: z.object({
    to: recipient,
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'the template name: lowercase letters, digits and underscores'),
    languageCode: z.string().min(2).max(15).describe('Exactly as approved, e.g. en_US'),
    components: z.array(component).max(12).default([]),
  }),
  output: sent,
  run: (input, ctx) =>
    sendMessage(ctx, input.to, {
      type: 'template',
      template: {
        name: input.name,
        language: { code: input.languageCode },
        // Button indexes are strings on the wire.
        ...(input.components.length > 0
          ? { components: input.components.map((c) => (c.index === undefined ? c : { ...c, index: String(c.index) })) }
          : {}),
      },
    }),
});
