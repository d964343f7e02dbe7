/**
 * @module `POST /hooks/:subscriptionId`: provider webhooks for trigger subscriptions. The body is
 * read as bytes under a size limit (never parsed here: the trigger verifies the exact bytes);
 * 200 only once the events are committed. Unknown subscriptions get 404 and unverifiable
 * requests 401, both without detail; each refusal is counted and logged with its reason.
 */
import type { Engine } from '@patchbay/engine';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
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

export function hookRoutes(engine: Engine, options: { maxBodyBytes?: number | undefined; counters?: HookCounters | undefined } = {}) {
  const counters = options.counters ?? newHookCounters();
  const app = new Hono<{ Variables: RequestVariables }>();
  app.post(
    '/hooks/:subscriptionId',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? DEFAULT_HOOK_MAX_BODY_BYTES,
      onError: (c) => {
        counters.tooLarge += 1;
        c.get('log').warn({ reason: 'too_large' }, 'hook refused');
        return c.body(null, 413);
      },
    }),
    async (c) => {
      const rawBody = new Uint8Array(await c.req.arrayBuffer());
      const headers: Record<string, string> = {};
      c.req.raw.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const outcome = await engine.receiveHook({ subscriptionId: c.req.param('subscriptionId'), rawBody, headers });
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
    },
  );
  return app;
}
