/**
 * @module The test connector for Meta-style webhooks: `hub-events` verifies `X-Hub-Signature-256`
 * (`sha256=` + hex HMAC-SHA256 of the raw body under the app secret, as Meta signs) and declares
 * `hubChallenge`, so its subscription URL answers Meta's `GET ?hub.mode=subscribe` check.
 */
import { apiKey, defineConnector, defineTrigger, hmacSha256, verifyHmacSha256 } from '@patchbay/sdk';
import { z } from 'zod';

const change = z.object({ object: z.string(), entry: z.array(z.object({ id: z.string(), time: z.number() })) });

export const hubChanges = defineTrigger({
  kind: 'webhook',
  description: 'Changes to the objects a Meta app subscribed to',
  event: change,
  hubChallenge: true,
  verify: ({ rawBody, headers, secrets }) =>
    verifyHmacSha256({ secrets, parts: [rawBody], candidates: [headers['x-hub-signature-256']?.replace(/^sha256=/, '')] }),
  parse: ({ text }) => {
    const body = change.parse(JSON.parse(text));
    return body.entry.map((entry) => ({ id: `${entry.id}:${entry.time}`, type: body.object, accountId: entry.id, payload: body }));
  },
});

export const hubEvents = defineConnector({
  id: 'hub-events',
  name: 'Hub events',
  version: '0.1.0',
  description: 'A test connector whose trigger answers Meta-style hub.challenge checks',
  auth: apiKey({
    fields: z.object({ apiKey: z.string().min(1) }),
    apply: (c, req) => {
      req.headers.authorization = `Bearer ${c.apiKey}`;
    },
  }),
  baseUrls: ['https://graph.hub-events.example'],
  actions: {},
  triggers: { changes: hubChanges },
});

export const signHubEvent = (body: string, secret: string) => ({ 'x-hub-signature-256': `sha256=${hmacSha256(secret, [body])}` });
