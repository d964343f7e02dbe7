/** Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/guides/mark-message-as-read */
import { z } from 'zod';
import { defineWhatsAppAction } from '../auth.ts';
import { graphPath } from '../graph.ts';

export const markRead = defineWhatsAppAction({
  description: 'Mark a received message (and the ones before it) as read: the sender sees blue ticks',
  input: z.object({
    messageId: z.string().min(1).describe('The inbound message id (wamid)'),
    typing: z.boolean().default(false).describe('Also show a typing indicator while a reply is prepared'),
  }),
  output: z.object({ success: z.boolean() }),
  // Reading a message twice is the same as once.
  idempotent: true,
  run: async (input, ctx) => {
    const res = await ctx.http.post(graphPath(`${ctx.connection.params.phoneNumberId}/messages`), {
      json: {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: input.messageId,
        ...(input.typing ? { typing_indicator: { type: 'text' } } : {}),
      },
      schema: z.object({ success: z.boolean() }),
    });
    return res.data;
  },
});
