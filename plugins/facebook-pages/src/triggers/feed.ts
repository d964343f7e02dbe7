/**
 * @module Page `feed` webhooks (https://developers.facebook.com/docs/graph-api/webhooks/getting-started,
 * field reference https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed).
 * Meta checks the callback URL with `GET ?hub.mode=subscribe&hub.verify_token&hub.challenge`
 * (answered by Patchbay for `hubChallenge` triggers with the subscription's verify token), then
 * POSTs `{ object: 'page', entry: [{ id, time, changes: [{ field, value }] }] }`, signed in
 * `X-Hub-Signature-256` as `sha256=` + hex HMAC-SHA256 of the raw body under the **app secret**
 * (the tenant passes it as `signingSecret`). Meta batches changes and retries failed deliveries;
 * each change's id is built from its content, so a retried one is stored once.
 */
import { defineTrigger, hmacSha256, verifyHmacSha256 } from '@patchbay/sdk';
import { z } from 'zod';

const value = z.looseObject({
  item: z.string(),
  verb: z.string(),
  post_id: z.string().optional(),
  comment_id: z.string().optional(),
  parent_id: z.string().optional(),
  message: z.string().optional(),
  created_time: z.number().optional(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
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

export const feedEvent = z.object({ pageId: z.string(), time: z.number(), change: value });

export const feed = defineTrigger({
  kind: 'webhook',
  description: "Changes to a Page's feed: posts, comments, reactions and shares (Meta `feed` webhook field)",
  event: feedEvent,
  config: z.object({
    items: z
      .array(z.string().regex(/^[a-z_]+$/))
      .optional()
      .describe('Keep only these items (post, status, photo, video, comment, reaction, share); all when absent'),
  }),
  hubChallenge: true,
  verify: ({ rawBody, headers, secrets }) =>
    verifyHmacSha256({ secrets, parts: [rawBody], candidates: [headers['x-hub-signature-256']?.replace(/^sha256=/, '')] }),
  parse: ({ text, config }) => {
    const body = delivery.safeParse(JSON.parse(text));
    // Another object (instagram, user) or a shape we do not know: nothing for this trigger.
    if (!body.success || body.data.object !== 'page') return [];
    return body.data.entry.flatMap((entry) =>
      (entry.changes ?? []).flatMap((change) => {
        if (change.field !== 'feed') return [];
        const parsed = value.safeParse(change.value);
        if (!parsed.success) return [];
        const v = parsed.data;
        if (config.items && !config.items.includes(v.item)) return [];
        const subject = v.comment_id ?? v.post_id ?? '';
        return [
          {
            id: `${entry.id}:${v.item}:${v.verb}:${subject}:${v.created_time ?? entry.time}`,
            type: `feed.${v.item}.${v.verb}`,
            accountId: entry.id,
            payload: { pageId: entry.id, time: entry.time, change: v },
          },
        ];
      }),
    );
  },
});

/** Signs a body as Meta does, for tests of code that receives Page webhooks. */
export function signMetaWebhook(body: string, appSecret: string): Record<string, string> {
  return { 'x-hub-signature-256': `sha256=${hmacSha256(appSecret, [body])}` };
}
