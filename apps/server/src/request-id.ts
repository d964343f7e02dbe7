import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Logger } from './logger.ts';

export interface RequestVariables {
  requestId: string;
  log: Logger;
}

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane token, a new UUID otherwise. */
export function requestIdFrom(incoming: string | undefined): string {
  return incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
}

/** The one line logged per request at `info`, once its answer is sent. */
export function logRequestLine(log: Logger, request: { method: string; path: string; status: number; started: number }): void {
  const ms = Math.round((performance.now() - request.started) * 100) / 100;
  log.info({ method: request.method, path: request.path, status: request.status, ms }, 'request');
}

/**
 * Sets a header on the response the handler finished, in place. Hono's `c.header()` on a
 * finished response first rebuilds it around its body as a web stream, which @hono/node-server
 * then has to pump instead of writing the string it was given: on the action path that cost
 * more than the header is worth. Headers a runtime made immutable (a proxied `fetch` response)
 * still go through `c.header()`.
 */
function echoHeader(c: Context, name: string, value: string): void {
  if (!c.finalized) {
    c.header(name, value);
    return;
  }
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}

/**
 * Gives every request an id: the caller's `x-request-id` when it is a sane token, a new UUID
 * otherwise. It is echoed in the response, bound to the request's logger, and logged once
 * when the response is sent.
 */
export function requestId(logger: Logger) {
  return createMiddleware<{ Variables: RequestVariables }>(async (c, next) => {
    const id = requestIdFrom(c.req.header('x-request-id'));
    // The request's logger is made on first use: most requests at LOG_LEVEL=warn never log.
    let log: Logger | undefined;
    const requestLog = () => {
      log ??= logger.child({ requestId: id });
      return log;
    };
    c.set('requestId', id);
    c.set(
      'log',
      new Proxy({} as Logger, {
        get: (_target, key) => {
          const child = requestLog();
          const value = Reflect.get(child, key, child);
          return typeof value === 'function' ? value.bind(child) : value;
        },
      }),
    );
    const started = performance.now();
    try {
      await next();
    } finally {
      echoHeader(c, 'x-request-id', id);
      if (logger.isLevelEnabled('info'))
        logRequestLine(requestLog(), { method: c.req.method, path: c.req.path, status: c.res.status, started });
    }
  });
}
