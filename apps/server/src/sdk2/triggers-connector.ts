/**
 * @module The connectors the triggers end-to-end test installs: the shipped Stripe and GitHub
 * connectors (their `event`, `issues`, `pull_request` and `push` triggers), plus `acme-events`,
 * a small connector whose trigger answers a signed challenge (`handshake`) the way Slack's
 * `url_verification` does, so every trigger hook runs through the real server.
 */
import github from '@patchbay/connector-github';
import stripe from '@patchbay/connector-stripe';
import { apiKey, defineConnector, defineTrigger, hmacSha256, verifyHmacSha256 } from '@patchbay/sdk';
import { z } from 'zod';

export const acmeEventsTrigger = defineTrigger({
  kind: 'webhook',
  description: 'Acme notifications; answers url_verification challenges',
  event: z.object({ text: z.string() }),
  verify: ({ rawBody, headers, secrets }) => verifyHmacSha256({ secrets, parts: [rawBody], candidates: [headers['x-acme-signature']] }),
  handshake: ({ text }) => {
    const body = JSON.parse(text) as { type?: string; challenge?: string };
    return body.type === 'url_verification' ? { body: String(body.challenge ?? '') } : undefined;
  },
  parse: ({ text }) => {
    const body = JSON.parse(text) as { id: string; team: string; text: string };
    return [{ id: body.id, type: 'notification', accountId: body.team, payload: { text: body.text } }];
  },
});

export const acmeEvents = defineConnector({
  id: 'acme-events',
  name: 'Acme events',
  version: '0.1.0',
  description: 'A test connector whose trigger has a handshake',
  auth: apiKey({
    fields: z.object({ apiKey: z.string().min(1) }),
    apply: (c, req) => {
      req.headers.authorization = `Bearer ${c.apiKey}`;
    },
  }),
  baseUrls: ['https://api.acme-events.example'],
  actions: {},
  triggers: { notification: acmeEventsTrigger },
});

export const signAcmeEvent = (body: string, secret: string) => ({ 'x-acme-signature': hmacSha256(secret, [body]) });

export const triggerConnectors = [stripe, github, acmeEvents] as const;

const feedItem = z.object({ id: z.number(), title: z.string() });

/** A polling trigger over a feed that pages by the last id seen (as Gmail's history ids do). */
export const newItems = defineTrigger({
  kind: 'polling',
  description: 'Items added to the feed',
  event: feedItem,
  intervalMs: 300,
  poll: async (ctx, cursor) => {
    const page = await ctx.http.get('/items', { query: { after: cursor ?? '0' }, schema: z.object({ items: z.array(feedItem) }) });
    const last = page.data.items.at(-1);
    return {
      events: page.data.items.map((item) => ({ id: String(item.id), type: 'item.created', payload: item })),
      cursor: last ? String(last.id) : cursor,
    };
  },
});

export function acmeFeed(upstream: string) {
  return defineConnector({
    id: 'acme-feed',
    name: 'Acme feed',
    version: '0.1.0',
    description: 'A test connector with a polling trigger',
    auth: apiKey({
      fields: z.object({ apiKey: z.string().min(1) }),
      apply: (c, req) => {
        req.headers['x-api-key'] = c.apiKey;
      },
    }),
    baseUrls: [upstream],
    actions: {},
    triggers: { newItems },
  });
}
