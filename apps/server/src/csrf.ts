/**
 * @module CSRF defence for browser-borne calls. A POST without an `Authorization` header (so
 * riding on the session cookie, or signing in) must be `content-type: application/json`,
 * which a cross-site form cannot send, and must come from our own origin: an `Origin` equal to
 * ours, or no `Origin` but a non-empty `x-patchbay-csrf` header, which a cross-site request
 * cannot add without a CORS preflight, which we grant only to origins listed in
 * `PATCHBAY_CORS_ORIGINS` (those pass the Origin check too). API-key calls carry no ambient credential.
 */
import { createMiddleware } from 'hono/factory';

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export function csrfGuard(publicOrigin: string | undefined, corsOrigins: readonly string[] = []) {
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS' && !c.req.header('authorization')) {
      const ownOrigin = publicOrigin ?? new URL(c.req.url).origin;
      const origin = c.req.header('origin');
      // An empty value counts as absent: only a non-empty header shows the caller could set it.
      const sameOrigin = origin ? origin === ownOrigin || corsOrigins.includes(origin) : Boolean(c.req.header('x-patchbay-csrf')?.trim());
      if (!isJson(c.req.header('content-type')) || !sameOrigin) {
        return c.json({ error: { message: 'Cross-site request refused', code: 'FORBIDDEN' } }, 403);
      }
    }
    return next();
  });
}
