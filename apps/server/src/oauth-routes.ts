/**
 * @module `GET /oauth/:connectorId/authorize` and `GET /oauth/callback`. Authorize needs a
 * signed-in member (session cookie, organization in `?org=`) or a connect token from
 * `connectSessions.create`; callback needs nothing but the state the flow stored. Failures end
 * on a short page, or back at `returnTo` with `?error=<code>` once the flow is known; nothing
 * is saved unless the code exchange succeeded.
 */
import { membershipRole } from '@patchbay/api';
import { validateSessionToken } from '@patchbay/auth';
import { type Database, isUuid } from '@patchbay/db';
import { type Engine, EngineError } from '@patchbay/engine';
import { type Context, Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { RequestVariables } from './request-id.ts';
import { readSessionToken } from './session-cookie.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(c: Ctx, status: 400 | 401 | 403 | 404, code: string, message: string) {
  c.header('cache-control', 'no-store');
  c.header('content-security-policy', "default-src 'none'");
  return c.html(
    `<!doctype html><meta charset="utf-8"><title>Patchbay: connection not completed</title>` +
      `<h1>The connection was not completed</h1><p>${escapeHtml(message)}</p><p>Error code: <code>${escapeHtml(code)}</code></p>`,
    status,
  );
}

function redirectBack(c: Ctx, returnTo: string, params: Record<string, string>) {
  const url = new URL(returnTo);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  return c.redirect(url.toString(), 302);
}

export function oauthRoutes(db: Kysely<Database>, engine: Engine) {
  const app = new Hono<{ Variables: RequestVariables }>();

  app.get('/oauth/:connectorId/authorize', async (c) => {
    const connectorId = c.req.param('connectorId');
    const q = (name: string) => c.req.query(name);
    let request: Parameters<Engine['beginAuthorization']>[0];
    const connectToken = q('connect_token');
    if (connectToken) {
      const claimed = await engine.claimConnectSession(connectToken);
      if (!claimed || claimed.connectorId !== connectorId) {
        return page(c, 401, 'connect_token_invalid', 'This connect link is unknown, already used or expired. Ask for a new one.');
      }
      request = { tenantId: claimed.tenantId, connectorId, returnTo: claimed.returnTo, endUserId: claimed.endUserId ?? undefined };
    } else {
      const token = readSessionToken(c.req.header('cookie'));
      const session = token ? await validateSessionToken(db, token) : undefined;
      if (!session) return page(c, 401, 'unauthorized', 'Sign in to Patchbay, or open a connect link, to connect an account.');
      const org = q('org') ?? '';
      if (!(await membershipRole(db, org, session.user.id))) {
        return page(c, 403, 'forbidden', 'Name an organization you belong to in ?org=.');
      }
      const connectionId = q('connection_id');
      if (connectionId !== undefined && !isUuid(connectionId)) return page(c, 400, 'bad_request', 'connection_id is not a valid id.');
      request = {
        tenantId: org,
        connectorId,
        userId: session.user.id,
        returnTo: q('return_to') ?? `${engine.publicUrl}/`,
        connectionId,
      };
    }
    try {
      const url = await engine.beginAuthorization(request);
      c.header('cache-control', 'no-store');
      c.header('referrer-policy', 'no-referrer');
      return c.redirect(url.toString(), 302);
    } catch (error) {
      if (error instanceof EngineError) {
        const status = error.code === 'CONNECTOR_NOT_INSTALLED' || error.code === 'CONNECTION_NOT_FOUND' ? 404 : 400;
        return page(c, status, error.code.toLowerCase(), error.message);
      }
      throw error;
    }
  });

  app.get('/oauth/callback', async (c) => {
    const outcome = await engine.completeAuthorization({
      state: c.req.query('state'),
      code: c.req.query('code'),
      error: c.req.query('error'),
      iss: c.req.query('iss'),
    });
    if (outcome.ok) return redirectBack(c, outcome.returnTo, { connection_id: outcome.connectionId, status: 'connected' });
    c.get('log').info({ code: outcome.code }, 'oauth callback refused');
    if (outcome.returnTo) return redirectBack(c, outcome.returnTo, { error: outcome.code });
    return page(c, 400, outcome.code, outcome.message);
  });

  return app;
}
