/**
 * @module The short error page of the OAuth routes and the connect pages: a flow or a connect
 * link that cannot go on ends here, with a code the integrator's support can look up.
 */
import type { Context } from 'hono';
import { sendConnectPage } from './connect/page-layout.ts';
import { escapeHtml } from './html-escape.ts';
import type { RequestVariables } from './request-id.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

export function errorPage(c: Ctx, status: 400 | 401 | 403 | 404, code: string, message: string) {
  return sendConnectPage(
    c,
    status,
    'Patchbay: connection not completed',
    `<h1>The connection was not completed</h1><p>${escapeHtml(message)}</p><p>Error code: <code>${escapeHtml(code)}</code></p>`,
  );
}
