/**
 * @module `POST /hooks/:subscriptionId`: provider webhooks for trigger subscriptions. The body is
 * read as bytes under a size limit (never parsed here: the trigger verifies the exact bytes);
 * 200 only once the events are committed. Unknown subscriptions get 404 and unverifiable
 * requests 401, both without detail; each refusal is counted and logged with its reason.
 * `POST /hooks/app/:connectorId` is the same for a provider's one app-level URL (Slack), and
 * `GET /hooks/:subscriptionId?hub.mode=subscribe&…` answers Meta's verification of the URL.
 */
import type { Engine } from '@patchbay/engine';
import { type Context, Hono } from 'hono';
import { declaredBodyLimit } from './body-limit.ts';
import type { RequestVariables } from './request-id.ts';

export const DEFAULT_HOOK_MAX_BODY_BYTES = 1024 * 1024;

/** Refusals since the process started, by reason: the `hooks refused` metric. */
export interface HookCounters {
  unknown: number;
  missing: number;
  mismatch: number;
  stale: number;
  malformed: number;
  tooLarge: number;
}

export const newHookCounters = (): HookCounters => ({ unknown: 0, missing: 0, mismatch: 0, stale: 0, malformed: 0, tooLarge: 0 });

type HookOutcome = Awaited<ReturnType<Engine['receiveHook']>>;
type Receive = (param: string, rawBody: Uint8Array, headers: Record<string, string>, query: string) => Promise<HookOutcome>;

export function hookRoutes(engine: Engine, options: { maxBodyBytes?: number | undefined; counters?: HookCounters | undefined } = {}) {
  const counters = options.counters ?? newHookCounters();
  const app = new Hono<{ Variables: RequestVariables }>();
  const limit = declaredBodyLimit({
    maxSize: options.maxBodyBytes ?? DEFAULT_HOOK_MAX_BODY_BYTES,
    onError: (c) => {
      counters.tooLarge += 1;
      c.get('log').warn({ reason: 'too_large' }, 'hook refused');
      return c.body(null, 413);
    },
  });
  const handler = (param: string, receive: Receive) => async (c: Context<{ Variables: RequestVariables }>) => {
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const outcome = await receive(c.req.param(param) ?? '', rawBody, headers, new URL(c.req.url).search);
    switch (outcome.kind) {
      case 'unknown':
        counters.unknown += 1;
        c.get('log').warn({ reason: 'unknown' }, 'hook refused');
        return c.body(null, 404);
      case 'refused':
        counters[outcome.reason] += 1;
        c.get('log').warn({ reason: outcome.reason }, 'hook refused');
        return c.body(null, 401);
      case 'malformed':
        counters.malformed += 1;
        c.get('log').warn({ reason: 'malformed' }, 'hook refused');
        return c.body(null, 400);
      case 'handshake':
        return c.body(outcome.reply.body, (outcome.reply.status ?? 200) as 200, {
          'content-type': outcome.reply.contentType ?? 'text/plain; charset=utf-8',
        });
      case 'stored':
        return c.json({ received: true });
    }
  };
  // One URL per app for providers that send every account's events to one place (Slack).
  app.post(
    '/hooks/app/:connectorId',
    limit,
    handler('connectorId', (connectorId, rawBody, headers, query) => engine.receiveAppHook({ connectorId, rawBody, headers, query })),
  );
  // Meta checks a callback URL with a GET carrying hub.mode, hub.verify_token and hub.challenge.
  app.get(
    '/hooks/:subscriptionId',
    handler('subscriptionId', (subscriptionId, _rawBody, _headers, query) =>
      engine.answerHubChallenge({ subscriptionId, query: Object.fromEntries(new URLSearchParams(query)) }),
    ),
  );
  app.post(
    '/hooks/:subscriptionId',
    limit,
    handler('subscriptionId', (subscriptionId, rawBody, headers, query) => engine.receiveHook({ subscriptionId, rawBody, headers, query })),
  );
  return app;
}
