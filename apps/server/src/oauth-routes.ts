/**
 * @module The OAuth routes:
 * - `GET /oauth/:connectorId/authorize?org=…` starts a flow for a signed-in owner or admin.
 * - `GET /oauth/:connectorId/authorize?connect_token=…` (a connect link) shows the connect page
 *   (connect/connect-link.ts): its form POSTs the token, params and any pasted credentials to the
 *   same path; only that POST spends it, on starting the flow or saving the connection.
 * - `GET /oauth/callback` finishes a flow, in the browser that began it only (flow-cookie.ts).
 * Starting sets the flow cookie and redirects to the provider. Failures end on a short page, or
 * back at `returnTo` with `?error=<code>` once the flow is known; nothing is saved unless the
 * code exchange succeeded.
 */
import { membershipRole } from '@patchbay/api';
import { validateSessionToken } from '@patchbay/auth';
import { type Database, isUuid } from '@patchbay/db';
import { type BeginRequest, type Engine, EngineError } from '@patchbay/engine';
import { isConnectorError } from '@patchbay/sdk';
import { type Context, Hono } from 'hono';
import type { Kysely } from 'kysely';
import { declaredBodyLimit } from './body-limit.ts';
import { setAccountChoiceCookie } from './connect/account-choice-cookie.ts';
import { showConnectLink, submitConnectLink } from './connect/connect-link.ts';
import { redirectToReturn } from './connect/page-layout.ts';
import { clearFlowCookie, readFlowCookie, setFlowCookie } from './flow-cookie.ts';
import { errorPage } from './oauth-pages.ts';
import type { RequestVariables } from './request-id.ts';
import { readSessionToken } from './session-cookie.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

const INVALID = Symbol('invalid');

/** `?params=` on the authorize URL: a JSON object (`{"shop":"acme"}`), validated later by the connector's schema. */
function parseParamsQuery(raw: string | undefined): Record<string, unknown> | undefined | typeof INVALID {
  if (raw === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : INVALID;
  } catch {
    return INVALID;
  }
}

export function oauthRoutes(db: Kysely<Database>, engine: Engine) {
  const app = new Hono<{ Variables: RequestVariables }>();
  const ownOrigin = new URL(engine.publicUrl).origin;
  const secure = ownOrigin.startsWith('https:');

  /** Stores the flow, binds it to this browser with the flow cookie, and sends it to the provider. */
  async function begin(c: Ctx, request: BeginRequest) {
    try {
      const { url, binding } = await engine.beginAuthorization(request);
      c.header('set-cookie', setFlowCookie(secure, binding), { append: true });
      c.header('cache-control', 'no-store');
      c.header('referrer-policy', 'no-referrer');
      return c.redirect(url.toString(), 302);
    } catch (error) {
      // Connection parameters the connector refuses (INVALID_INPUT at params.<field>): no redirect.
      if (isConnectorError(error) && error.code === 'INVALID_INPUT') return errorPage(c, 400, 'invalid_input', error.message);
      if (error instanceof EngineError) {
        const status = error.code === 'CONNECTOR_NOT_INSTALLED' || error.code === 'CONNECTION_NOT_FOUND' ? 404 : 400;
        return errorPage(c, status, error.code.toLowerCase(), error.message);
      }
      throw error;
    }
  }

  app.get('/oauth/:connectorId/authorize', async (c) => {
    const connectorId = c.req.param('connectorId');
    const q = (name: string) => c.req.query(name);
    const connectToken = q('connect_token');
    if (connectToken) {
      // Looked up, not spent: a scanner fetching the link leaves it usable.
      return showConnectLink(c, engine, connectorId, connectToken);
    }
    const token = readSessionToken(c.req.header('cookie'));
    const session = token ? await validateSessionToken(db, token) : undefined;
    if (!session) return errorPage(c, 401, 'unauthorized', 'Sign in to Patchbay, or open a connect link, to connect an account.');
    const org = q('org') ?? '';
    const role = await membershipRole(db, org, session.user.id);
    if (!role) return errorPage(c, 403, 'forbidden', 'Name an organization you belong to in ?org=.');
    // Connections are shared by the whole organization: members use them, owners and admins
    // create and re-authorize them (README: permission matrix). Checked again at the callback.
    if (role === 'member') return errorPage(c, 403, 'forbidden', 'Only owners and admins connect accounts for an organization.');
    const connectionId = q('connection_id');
    if (connectionId !== undefined && !isUuid(connectionId)) return errorPage(c, 400, 'bad_request', 'connection_id is not a valid id.');
    const params = parseParamsQuery(q('params'));
    if (params === INVALID) return errorPage(c, 400, 'invalid_input', 'params must be a JSON object of connection parameters.');
    return begin(c, {
      tenantId: org,
      connectorId,
      userId: session.user.id,
      returnTo: q('return_to') ?? `${engine.publicUrl}/`,
      connectionId,
      params,
    });
  });

  // The connect page's form. Its Origin is checked there: a cross-site form could otherwise
  // start a flow (and set its cookie) in a victim's browser with the attacker's token.
  app.post('/oauth/:connectorId/authorize', declaredBodyLimit({ maxSize: 16 * 1024 }), (c) =>
    submitConnectLink(c, { engine, secure, begin }, c.req.param('connectorId')),
  );

  app.get('/oauth/callback', async (c) => {
    const binding = readFlowCookie(c.req.header('cookie'), secure);
    const outcome = await engine.completeAuthorization({
      state: c.req.query('state'),
      binding,
      code: c.req.query('code'),
      error: c.req.query('error'),
      iss: c.req.query('iss'),
      query: c.req.query(),
    });
    if (outcome.ok) {
      // Cleared only once used: a refused callback (someone else's state) leaves this
      // browser's own pending flow intact.
      c.header('set-cookie', clearFlowCookie(secure), { append: true });
      // An end user from a connect link chooses on our page (no Patchbay session: the sealed
      // cookie authorizes that one choice); an admin's flow goes back with `account=choose`.
      if (outcome.accountPending && outcome.viaConnectLink) {
        const choice = { tenantId: outcome.tenantId, connectionId: outcome.connectionId, returnTo: outcome.returnTo };
        c.header('set-cookie', setAccountChoiceCookie(engine.ring, secure, choice), { append: true });
        return redirectToReturn(c, `${engine.publicUrl}/connect/account`, {});
      }
      // `account=choose`: the connection waits for connections.setAccount (several accounts found).
      return redirectToReturn(c, outcome.returnTo, {
        connection_id: outcome.connectionId,
        status: 'connected',
        ...(outcome.accountPending ? { account: 'choose' } : {}),
      });
    }
    c.get('log').info({ code: outcome.code }, 'oauth callback refused');
    if (outcome.returnTo) return redirectToReturn(c, outcome.returnTo, { error: outcome.code });
    return errorPage(c, 400, outcome.code, outcome.message);
  });

  return app;
}
