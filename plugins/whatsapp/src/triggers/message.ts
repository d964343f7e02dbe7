/**
 * @module WhatsApp Cloud API webhooks (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components):
 * Meta checks the callback URL with `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
 * (answered by `hubChallenge`), then POSTs `{ object: 'whatsapp_business_account', entry: [{ id:
 * <WABA id>, changes: [{ field: 'messages', value: { metadata, contacts, messages, statuses } }] }] }`
 * signed with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body under the app secret>`
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads).
 * One event per inbound message (id: its wamid, so Meta's retries are stored once) and one per
 * status change of a sent message (id: wamid and status: sent, delivered, read and failed are
 * each an event).
 */
import { defineTrigger, verifyHmacSha256 } from '@patchbay/sdk';
import { z } from 'zod';

const inbound = z.looseObject({
  id: z.string(),
  from: z.string(),
  timestamp: z.string(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  context: z.object({ id: z.string().optional() }).optional(),
});

const metaError = z.looseObject({ code: z.number(), title: z.string().optional(), message: z.string().optional() });

const status = z.looseObject({
  id: z.string(),
  status: z.string(),
  timestamp: z.string(),
  recipient_id: z.string(),
  errors: z.array(metaError).optional(),
});

const change = z.looseObject({
  field: z.string(),
  value: z
    .looseObject({
      metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }).optional(),
      contacts: z.array(z.looseObject({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
      messages: z.array(inbound).optional(),
      statuses: z.array(status).optional(),
    })
    .optional(),
});

const notification = z.looseObject({
  object: z.string(),
  entry: z.array(z.looseObject({ id: z.string(), changes: z.array(change).default([]) })).default([]),
});

export const whatsappEvent = z.object({
  kind: z.enum(['message', 'status']),
  wabaId: z.string(),
  phoneNumberId: z.string(),
  messageId: z.string(),
  /** The user's number (wa_id): the sender of a message, the recipient of a status. */
  user: z.string(),
  userName: z.string().nullable(),
  at: z.string().describe('ISO-8601'),
  /** Message type (text, image, ...) or status (sent, delivered, read, failed). */
  type: z.string(),
  text: z.string().nullable(),
  replyTo: z.string().nullable(),
  errors: z.array(z.object({ code: z.number(), title: z.string().nullable(), message: z.string().nullable() })),
  raw: z.record(z.string(), z.unknown()),
});

type WhatsAppEvent = z.output<typeof whatsappEvent>;

const isoOf = (seconds: string): string => new Date(Number(seconds) * 1000).toISOString();

export const message = defineTrigger({
  kind: 'webhook',
  description: 'Inbound WhatsApp messages and the delivery statuses of sent ones (Cloud API webhooks, field "messages")',
  event: whatsappEvent,
  config: z.object({
    kinds: z
      .array(z.enum(['message', 'status']))
      .min(1)
      .default(['message', 'status']),
    phoneNumberId: z.string().regex(/^\d+$/).optional().describe("Keep only this number's events (one app may serve several)"),
  }),
  hubChallenge: true,
  verify: ({ rawBody, headers, secrets }) => {
    const signature = headers['x-hub-signature-256'];
    if (!signature?.startsWith('sha256=')) return { ok: false, reason: 'missing' };
    return verifyHmacSha256({ secrets, parts: [rawBody], candidates: [signature.slice('sha256='.length)] });
  },
  parse: ({ text, config }) => {
    const body = notification.parse(JSON.parse(text));
    if (body.object !== 'whatsapp_business_account') return [];
    const events: { id: string; type: string; accountId: string; payload: WhatsAppEvent }[] = [];
    for (const entry of body.entry) {
      for (const { field, value } of entry.changes) {
        const phoneNumberId = value?.metadata?.phone_number_id;
        if (field !== 'messages' || !value || !phoneNumberId) continue;
        if (config.phoneNumberId && config.phoneNumberId !== phoneNumberId) continue;
        const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name ?? null]));
        const common = { wabaId: entry.id, phoneNumberId };
        if (config.kinds.includes('message'))
          for (const m of value.messages ?? []) {
            const payload: WhatsAppEvent = {
              ...common,
              kind: 'message',
              messageId: m.id,
              user: m.from,
              userName: names.get(m.from) ?? null,
              at: isoOf(m.timestamp),
              type: m.type,
              text: m.text?.body ?? null,
              replyTo: m.context?.id ?? null,
              errors: [],
              raw: m,
            };
            events.push({ id: m.id, type: 'message', accountId: entry.id, payload });
          }
        if (config.kinds.includes('status'))
          for (const s of value.statuses ?? []) {
            const payload: WhatsAppEvent = {
              ...common,
              kind: 'status',
              messageId: s.id,
              user: s.recipient_id,
              userName: null,
              at: isoOf(s.timestamp),
              type: s.status,
              text: null,
              replyTo: null,
              errors: (s.errors ?? []).map((e) => ({ code: e.code, title: e.title ?? null, message: e.message ?? null })),
              raw: s,
            };
            events.push({ id: `${s.id}:${s.status}`, type: 'status', accountId: entry.id, payload });
          }
      }
    }
    return events;
  },
});
