/**
 * @module Slack's Events API (https://docs.slack.dev/apis/events-api): Slack POSTs every event of
 * an app, for every workspace that installed it, to one Request URL. Each request is signed
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack): `X-Slack-Signature` is
 * `v0=` + hex HMAC-SHA256 under the app's Signing Secret of `v0:<X-Slack-Request-Timestamp>:<raw
 * body>`, and a timestamp more than 5 minutes off is refused as a replay. The `url_verification`
 * challenge is answered only once its signature verified. `team_id` names the workspace, so the
 * app-level URL routes an event to the connections of that workspace; Slack retries an event
 * with the same `event_id`, which is stored once.
 */
import { defineTrigger, timestampFresh, verifyHmacSha256 } from '@patchbay/sdk';
import { z } from 'zod';

export const SLACK_TOLERANCE_SECONDS = 300;
export const SLACK_EVENT_TYPES = ['message', 'app_mention'] as const;

const slackEvent = z.looseObject({
  type: z.string(),
  user: z.string().optional(),
  text: z.string().optional(),
  channel: z.string().optional(),
  ts: z.string().optional(),
  event_ts: z.string().optional(),
});

const callback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: z.string(),
  api_app_id: z.string().optional(),
  event_id: z.string(),
  event_time: z.number().optional(),
  event: slackEvent,
});

const envelope = z.looseObject({ type: z.string(), team_id: z.string().optional(), challenge: z.string().optional() });

export const event = defineTrigger({
  kind: 'webhook',
  description: 'A message posted in a channel the bot is in, or a mention of the bot (Slack Events API)',
  event: callback,
  config: z.object({
    eventTypes: z
      .array(z.enum(SLACK_EVENT_TYPES))
      .min(1)
      .default([...SLACK_EVENT_TYPES])
      .describe('Slack event types to keep: message, app_mention'),
  }),
  verify: ({ rawBody, headers, secrets, now }) => {
    const timestamp = headers['x-slack-request-timestamp'];
    const signature = headers['x-slack-signature'];
    if (!timestamp || !signature?.startsWith('v0=')) return { ok: false, reason: 'missing' };
    const verdict = verifyHmacSha256({ secrets, parts: [`v0:${timestamp}:`, rawBody], candidates: [signature.slice(3)] });
    if (!verdict.ok) return verdict;
    return timestampFresh(timestamp, now, SLACK_TOLERANCE_SECONDS) ? verdict : { ok: false, reason: 'stale' };
  },
  handshake: ({ text }) => {
    const body = envelope.parse(JSON.parse(text));
    if (body.type !== 'url_verification') return undefined;
    return { body: body.challenge ?? '', contentType: 'text/plain; charset=utf-8' };
  },
  accountOf: ({ text }) => envelope.parse(JSON.parse(text)).team_id,
  parse: ({ text, config }) => {
    const body = callback.parse(JSON.parse(text));
    const wanted: readonly string[] = config.eventTypes;
    if (!wanted.includes(body.event.type)) return [];
    return [{ id: body.event_id, type: body.event.type, accountId: body.team_id, payload: body }];
  },
});
