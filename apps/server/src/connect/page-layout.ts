/**
 * @module The frame of the end-user connect pages: one stylesheet allowed by its hash (no
 * script at all), no framing, no caching, no referrer (the link's token is in the URL).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { escapeHtml } from '../html-escape.ts';
import type { RequestVariables } from '../request-id.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

// Readable at 390 px (fluid width, 16 px text so phones do not zoom into inputs) and a focus
// ring every control shows when reached by keyboard.
const STYLE = [
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1f;background:#f6f6f8}',
  'main{max-width:32rem;margin:0 auto;background:#fff;border:1px solid #d0d0d7;border-radius:8px;padding:1.25rem}',
  'h1{font-size:1.4rem;margin:0 0 .5rem}',
  'label{display:block;font-weight:600;margin-top:1rem}',
  'input[type=text],input[type=password],input[type=number],select,textarea{display:block;box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #767680;border-radius:4px}',
  'button{margin-top:1.25rem;font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#2446c8;color:#fff;cursor:pointer}',
  ':focus-visible{outline:3px solid #c25400;outline-offset:2px}',
  '.hint{color:#4a4a55;font-size:.9rem;margin:.25rem 0 0}',
  '.field-error,.form-error{color:#a10f1f;margin:.25rem 0 0}',
  '.form-error{border:1px solid #a10f1f;border-radius:4px;padding:.5rem}',
  'fieldset{border:0;padding:0;margin:0}',
  '.choice{display:flex;gap:.5rem;align-items:center;margin-top:.75rem;font-weight:400}',
  'ul{padding-left:1.25rem}',
].join('');

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The Content-Security-Policy of every connect page: only our own stylesheet applies. */
export const CONNECT_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; frame-ancestors 'none'`;

/** Sends a connect page. No `form-action` limit: browsers apply it to the redirect to the provider too. */
export function sendConnectPage(c: Ctx, status: 200 | 400 | 401 | 403 | 404 | 502, title: string, body: string) {
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-frame-options', 'DENY');
  c.header('x-content-type-options', 'nosniff');
  c.header('content-security-policy', CONNECT_PAGE_CSP);
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`,
    status,
  );
}

/** Same-origin only: the connect pages' own forms. A cross-site form could otherwise use a token or cookie in a victim's browser. */
export function fromOwnPage(c: Ctx, ownOrigin: string): boolean {
  return c.req.header('origin') === ownOrigin || c.req.header('sec-fetch-site') === 'same-origin';
}

/** The end of every connect path: the integrator's `returnTo`, with the outcome in its query. */
export function redirectToReturn(c: Ctx, returnTo: string, params: Record<string, string>) {
  const url = new URL(returnTo);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  return c.redirect(url.toString(), 302);
}
