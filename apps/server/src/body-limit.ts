/**
 * @module Hono's `bodyLimit` with the same rule and a cheaper first look. Hono's checks
 * `c.req.raw.body` before anything else, and on @hono/node-server that builds the whole web
 * `Request` with a stream over the socket for every request, which the hot path then reads
 * through web streams. A declared `Content-Length` (without `Transfer-Encoding`) is all hono's
 * middleware trusts anyway, so it is judged from the header alone; a streamed body still goes
 * through hono's, which counts the bytes as they come.
 */
import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';

type BodyLimitOptions = Parameters<typeof bodyLimit>[0];

export function declaredBodyLimit(options: BodyLimitOptions): MiddlewareHandler {
  const streamed = bodyLimit(options);
  return (c: Context, next: Next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    const declaredWithin =
      length !== undefined && c.req.header('transfer-encoding') === undefined && Number.parseInt(length, 10) <= options.maxSize;
    // Over the limit, or streamed: hono's own middleware answers, exactly as before.
    return declaredWithin ? next() : streamed(c, next);
  };
}
