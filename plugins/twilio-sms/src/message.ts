import { z } from 'zod';

/** Where every message call lives: `/2010-04-01/Accounts/{AccountSid}`, the SID taken from the connection. */
export function accountPath(credentials: { readonly accountSid: string }): string {
  return `/2010-04-01/Accounts/${encodeURIComponent(credentials.accountSid)}`;
}

/** The Message resource as Twilio returns it (https://www.twilio.com/docs/messaging/api/message-resource). */
export const message = z.object({
  sid: z.string(),
  account_sid: z.string(),
  messaging_service_sid: z.string().nullable().optional(),
  status: z.string(),
  direction: z.string().optional(),
  to: z.string(),
  from: z.string().nullable(),
  body: z.string().nullable(),
  num_segments: z.union([z.string(), z.number()]).nullable().optional(),
  num_media: z.union([z.string(), z.number()]).nullable().optional(),
  price: z.string().nullable().optional(),
  price_unit: z.string().nullable().optional(),
  error_code: z.number().nullable().optional(),
  error_message: z.string().nullable().optional(),
  date_created: z.string().nullable().optional(),
  date_sent: z.string().nullable().optional(),
  date_updated: z.string().nullable().optional(),
});

export const messageOutput = z.object({
  sid: z.string(),
  accountSid: z.string(),
  messagingServiceSid: z.string().nullable(),
  status: z.string().describe('queued, sending, sent, delivered, undelivered, failed, ...'),
  direction: z.string().optional(),
  to: z.string(),
  from: z.string().nullable(),
  body: z.string().nullable(),
  numSegments: z.number().nullable(),
  numMedia: z.number().nullable(),
  price: z.string().nullable().describe('Negative: what the message cost, once known'),
  priceUnit: z.string().nullable(),
  errorCode: z.number().nullable(),
  errorMessage: z.string().nullable(),
  dateCreated: z.string().nullable().describe('ISO 8601'),
  dateSent: z.string().nullable(),
  dateUpdated: z.string().nullable(),
});

/** Twilio's counts are strings ("1"); null when absent or unreadable. */
const count = (value: string | number | null | undefined): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** Twilio's dates are RFC 2822 ("Thu, 24 Aug 2023 05:01:45 +0000"); returned as ISO 8601. */
const isoDate = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
};

export function toMessage(m: z.infer<typeof message>): z.infer<typeof messageOutput> {
  return {
    sid: m.sid,
    accountSid: m.account_sid,
    messagingServiceSid: m.messaging_service_sid ?? null,
    status: m.status,
    direction: m.direction,
    to: m.to,
    from: m.from,
    body: m.body,
    numSegments: count(m.num_segments),
    numMedia: count(m.num_media),
    price: m.price ?? null,
    priceUnit: m.price_unit ?? null,
    errorCode: m.error_code ?? null,
    errorMessage: m.error_message ?? null,
    dateCreated: isoDate(m.date_created),
    dateSent: isoDate(m.date_sent),
    dateUpdated: isoDate(m.date_updated),
  };
}
