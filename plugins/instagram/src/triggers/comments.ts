/**
 * @module Instagram `comments` / `live_comments` / `mentions` webhooks, Instagram API with
 * Instagram Login (setup: https://developers.facebook.com/documentation/instagram-platform/webhooks/setup,
 * payloads: https://developers.facebook.com/documentation/instagram-platform/webhooks/examples).
 * The callback URL is set once in the Meta app's Webhooks settings, which Meta checks with
 * `GET ?hub.mode=subscribe&hub.verify_token&hub.challenge` (answered by Patchbay for
 * `hubChallenge` triggers). Deliveries are `{ object: 'instagram', entry: [{ id, time, changes:
 * [{ field, value }] }] }`, signed in `X-Hub-Signature-256` as `sha256=` + hex HMAC-SHA256 of the
 * raw body under the **app secret** (the tenant passes it as `signingSecret`). A comment's own id
 * names the event, so Meta's retries are stored once. Meta sends nothing for an account until the
 * account subscribed the app (`subscribeWebhooks`), and nothing for private accounts.
 */
import { defineTrigger, verifyHmacSha256 } from '@patchbay/sdk';
import { z } from 'zod';

const FIELDS = ['comments', 'live_comments', 'mentions'] as const;

const value = z.looseObject({
  id: z.string().optional(),
  text: z.string().optional(),
  parent_id: z.string().optional(),
  from: z.looseObject({ id: z.string(), username: z.string().optional() }).optional(),
  media: z.looseObject({ id: z.string(), media_product_type: z.string().optional() }).optional(),
  /** `mentions` carry the media and, for a mention in a comment, the comment. */
  media_id: z.string().optional(),
  comment_id: z.string().optional(),
});

const delivery = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
    }),
  ),
});

export const commentEvent = z.object({
  /** The Instagram professional account the comment or mention is on. */
  accountId: z.string(),
  field: z.enum(FIELDS),
  time: z.number(),
  change: value,
});

export const comments = defineTrigger({
  kind: 'webhook',
  description: "Comments on the account's media (also during live broadcasts) and @mentions of the account",
  event: commentEvent,
  config: z.object({
    fields: z
      .array(z.enum(FIELDS))
      .min(1)
      .default(['comments', 'live_comments', 'mentions'])
      .describe('Which notifications to keep: comments, live_comments, mentions'),
  }),
  hubChallenge: true,
  verify: ({ rawBody, headers, secrets }) =>
    verifyHmacSha256({ secrets, parts: [rawBody], candidates: [headers['x-hub-signature-256']?.replace(/^sha256=/, '')] }),
  parse: ({ text, config }) => {
    const body = delivery.safeParse(JSON.parse(text));
    // Another object (page, whatsapp) or a shape we do not know: nothing for this trigger.
    if (!body.success || body.data.object !== 'instagram') return [];
    return body.data.entry.flatMap((entry) =>
      (entry.changes ?? []).flatMap((change) => {
        const field = FIELDS.find((f) => f === change.field);
        if (!field || !config.fields.includes(field)) return [];
        const parsed = value.safeParse(change.value);
        if (!parsed.success) return [];
        const v = parsed.data;
        const subject = v.id ?? v.comment_id ?? v.media_id;
        if (!subject) return [];
        return [
          {
            id: `${entry.id}:${field}:${subject}`,
            type: field,
            accountId: entry.id,
            payload: { accountId: entry.id, field, time: entry.time, change: v },
          },
        ];
      }),
    );
  },
});
