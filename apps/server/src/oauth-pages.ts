/**
 * @module The short HTML pages of the OAuth routes: the error page, and the connect-link page
 * whose button POSTs the token back, so that opening the link (a GET, as link scanners and
 * chat previews do) spends nothing.
 */
import type { Context } from 'hono';
import type { RequestVariables } from './request-id.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function noStore(c: Ctx) {
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-frame-options', 'DENY');
}

export function errorPage(c: Ctx, status: 400 | 401 | 403 | 404, code: string, message: string) {
  noStore(c);
  c.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  return c.html(
    `<!doctype html><meta charset="utf-8"><title>Patchbay: connection not completed</title>` +
      `<h1>The connection was not completed</h1><p>${escapeHtml(message)}</p><p>Error code: <code>${escapeHtml(code)}</code></p>`,
    status,
  );
}

/**
 * The page a connect link opens. The form posts to this same path; no script runs, and the
 * page cannot be framed (a framed button could be clicked by someone who did not mean to).
 * No `form-action` limit: browsers apply it to the redirect to the provider as well.
 */
export function connectPage(c: Ctx, connectorId: string, token: string) {
  noStore(c);
  c.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  const action = `/oauth/${encodeURIComponent(connectorId)}/authorize`;
  return c.html(
    `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Connect ${escapeHtml(connectorId)}</title>` +
      `<h1>Connect your ${escapeHtml(connectorId)} account</h1>` +
      `<form method="post" action="${escapeHtml(action)}">` +
      `<input type="hidden" name="connect_token" value="${escapeHtml(token)}">` +
      `<button type="submit">Continue to ${escapeHtml(connectorId)}</button></form>`,
    200,
  );
}
