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
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (Number.parseInt(length, 10) <= options.maxSize) return next();
    return streamed(c, next);
  };
}
