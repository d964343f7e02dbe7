/**
 * @module CORS for browser clients on other origins, listed in `PATCHBAY_CORS_ORIGINS`. Only a
 * listed origin gets `Access-Control-Allow-Origin` (with credentials, so its session cookie
 * rides along) and an answered preflight; for anyone else no CORS header is sent, so the browser
 * keeps the answer from the page, and the CSRF guard still refuses their cookie-borne writes.
 */
import { createMiddleware } from 'hono/factory';

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'content-type, x-patchbay-csrf, x-patchbay-org, authorization';

/** Parses a comma-separated origin list (`https://app.example.com`); throws naming a bad entry. */
export function parseCorsOrigins(list: string | undefined): readonly string[] {
  const origins: string[] = [];
  for (const raw of (list ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      throw new Error(`not an origin: ${entry}`);
    }
    if (origin === 'null' || origin !== entry.replace(/\/$/, '')) throw new Error(`not an origin: ${entry}`);
    origins.push(origin);
  }
  return Object.freeze(origins);
}

/** The headers an answer to `origin` carries: the grant for a listed origin, nothing otherwise. */
export function corsGrant(origin: string | undefined, allowed: readonly string[]): [string, string][] {
  return origin !== undefined && allowed.includes(origin)
    ? [
        ['access-control-allow-origin', origin],
        ['access-control-allow-credentials', 'true'],
      ]
    : [];
}

export function corsForOrigins(allowed: readonly string[]) {
  return createMiddleware(async (c, next) => {
    const origin = c.req.header('origin');
    const listed = origin !== undefined && allowed.includes(origin);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      // A preflight: answered (204 with grants) only for a listed origin, refused otherwise.
      if (!listed) return c.body(null, 403, { vary: 'Origin' });
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': ALLOWED_METHODS,
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    await next();
    c.res.headers.append('vary', 'Origin');
    for (const [name, value] of corsGrant(origin, allowed)) c.res.headers.set(name, value);
  });
}
