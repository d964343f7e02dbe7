/**
 * @module One send for every message kind: `POST /{phone-number-id}/messages`
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages). A 200 means Meta
 * accepted the message, not that it was delivered: delivery failures come later as webhook statuses.
 * There is no idempotency key, so a send is never repeated after a 5xx or a timeout.
 */
import type { ActionContext } from '@patchbay/sdk';
import { z } from 'zod';
import { graphPath } from './graph.ts';

/** E.164 with or without `+`; WhatsApp normalises it and answers with the `wa_id`. */
export const recipient = z
  .string()
  .trim()
  .regex(/^\+?[1-9]\d{6,14}$/, 'a phone number in international format, e.g. +16505551234');

const accepted = z.object({
  contacts: z.array(z.object({ input: z.string(), wa_id: z.string() })).default([]),
  messages: z.array(z.object({ id: z.string(), message_status: z.string().optional() })).min(1),
});

export const sent = z.object({ messageId: z.string(), waId: z.string().nullable(), status: z.string().nullable() });

export async function sendMessage(
  ctx: ActionContext<object, { phoneNumberId: string }>,
  to: string,
  message: Record<string, unknown>,
): Promise<z.output<typeof sent>> {
  const res = await ctx.http.post(graphPath(`${ctx.connection.params.phoneNumberId}/messages`), {
    json: { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...message },
    schema: accepted,
  });
  const [first] = res.data.messages;
  return { messageId: first?.id ?? '', waId: res.data.contacts[0]?.wa_id ?? null, status: first?.message_status ?? null };
}
