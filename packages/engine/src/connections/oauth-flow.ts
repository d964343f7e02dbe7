/**
 * @module The OAuth authorization code flow (RFC 6749 with PKCE S256 and RFC 9207 issuer
 * checks). `beginAuthorization` stores a flow record (state hashed, verifier sealed, 10-minute
 * expiry, allow-listed returnTo) and gives the provider URL with the browser binding the caller
 * sets as a cookie. `completeAuthorization` consumes the state exactly once (the row is deleted
 * as it is read), checks the browser binding, the starter's role, issuer and expiry, exchanges
 * the code and saves the connection; any failure before that saves nothing.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { type KeyRing, OAuthError, open, seal, sha256Hex, type TokenSet } from '@patchbay/auth';
import { type Database, type TenantTx, withSystem, withTenant } from '@patchbay/db';
import { ConnectorError, type OAuth2Auth, parseConnectionParams, storedAccount, storedParams } from '@patchbay/sdk';
import { type Kysely, sql } from 'kysely';
import type { Dispatcher } from 'undici';
import { EngineError } from '../engine-error.ts';
import type { ConnectorRegistry } from '../registry.ts';
import type { WebhookEmitter } from '../webhooks/events.ts';
import { type AccountDeps, chooseAfterConnect } from './accounts.ts';
import { connectionChanged } from './connection-loader.ts';
import { sealCredentials } from './credentials.ts';
import { bindingMatches, browserBinding, mayManageConnections } from './flow-binding.ts';
import { oauthClientFor, oauthDescriptor, resolveOAuthApp } from './oauth-apps.ts';
import { afterExchange } from './oauth-hooks.ts';
import { assertReturnToAllowed } from './return-to.ts';

export const VERIFIER_PURPOSE = 'oauth_flow.code_verifier';
export const FLOW_TTL_MS = 10 * 60_000;

export interface FlowDeps {
  db: Kysely<Database>;
  ring: KeyRing;
  registry: ConnectorRegistry;
  redirectUri: string;
  /** The server's own origin: always an allowed returnTo. */
  ownOrigin: string;
  events?: WebhookEmitter | undefined;
  /** Outgoing HTTP for the connector's OAuth hooks (a MockAgent in tests). */
  dispatcher?: Dispatcher | undefined;
  /** For connectors with `discover`: the account is chosen right after connecting. */
  accounts?: AccountDeps | undefined;
}

export interface BeginRequest {
  tenantId: string;
  connectorId: string;
  returnTo: string;
  userId?: string | undefined;
  endUserId?: string | undefined;
  /** Re-authorize this connection in place (with the params it was made with). */
  connectionId?: string | undefined;
  /** Connection parameters, validated by the connector's `connectionParams` before anything is stored. */
  params?: unknown;
}

export interface CallbackParams {
  state?: string | undefined;
  /** The browser-binding cookie the callback request carried (see flow-binding.ts). */
  binding?: string | undefined;
  code?: string | undefined;
  error?: string | undefined;
  iss?: string | undefined;
  /** Every query parameter of the callback, for a connector whose code has another name (`auth_code`). */
  query?: Readonly<Record<string, string>> | undefined;
}

export type CallbackOutcome =
  /**
   * `accountPending`: the connector acts for one account of the grant and none is chosen yet.
   * `viaConnectLink`: an end user's flow from a connect link (no Patchbay user began it).
   */
  | {
      ok: true;
      tenantId: string;
      connectionId: string;
      returnTo: string;
      accountPending?: boolean | undefined;
      viaConnectLink: boolean;
    }
  | { ok: false; code: string; message: string; returnTo?: string | undefined };

function requireOAuthConnector(registry: ConnectorRegistry, id: string) {
  const connector = registry.get(id);
  if (!connector) throw new EngineError('CONNECTOR_NOT_INSTALLED', `No installed connector ${id}`);
  oauthDescriptor(connector);
  return connector;
}

export interface BegunAuthorization {
  /** The provider's authorization URL to redirect to. */
  url: URL;
  /** The value of the cookie that binds the flow to this browser; the callback requires it. */
  binding: string;
}

/** Stores a flow record and returns the provider's authorization URL and the browser binding. */
export async function beginAuthorization(deps: FlowDeps, request: BeginRequest): Promise<BegunAuthorization> {
  const connector = requireOAuthConnector(deps.registry, request.connectorId);
  const auth = oauthDescriptor(connector);
  const state = randomBytes(32).toString('base64url');
  const codeVerifier = auth.pkce ? randomBytes(48).toString('base64url') : undefined;
  const flowId = randomUUID();
  const { tenantId } = request;
  // Checked before anything is stored or any redirect: a bad shop never reaches a provider.
  let params = request.connectionId ? {} : parseConnectionParams(connector, request.params);
  const app = await withTenant(deps.db, tenantId, async (tx) => {
    await assertReturnToAllowed(tx, request.returnTo, deps.ownOrigin);
    if (request.connectionId) {
      const existing = await tx
        .selectFrom('connections')
        .select(['connector_id', 'metadata'])
        .where('id', '=', request.connectionId)
        .executeTakeFirst();
      if (existing?.connector_id !== connector.id) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
      params = { ...storedParams(existing.metadata) };
    }
    const resolved = await resolveOAuthApp(tx, deps.ring, deps.registry, tenantId, connector);
    await tx
      .insertInto('oauth_flows')
      .values({
        tenant_id: tenantId,
        id: flowId,
        state_hash: sha256Hex(state),
        connector_id: connector.id,
        user_id: request.userId ?? null,
        end_user_id: request.endUserId ?? null,
        connection_id: request.connectionId ?? null,
        code_verifier_sealed: codeVerifier
          ? seal(deps.ring, codeVerifier, { tenantId, recordId: flowId, purpose: VERIFIER_PURPOSE })
          : null,
        expected_issuer: auth.issuer ?? null,
        redirect_uri: deps.redirectUri,
        return_to: request.returnTo,
        params: JSON.stringify(params),
        expires_at: new Date(Date.now() + FLOW_TTL_MS),
      })
      .execute();
    return resolved;
  });
  const url = oauthClientFor(connector, app, deps.redirectUri, params).authorizationUrl({ state, codeVerifier, scopes: app.scopes });
  return { url, binding: browserBinding(state) };
}

async function saveConnection(
  tx: TenantTx,
  deps: FlowDeps,
  flow: {
    tenant_id: string;
    connector_id: string;
    connection_id: string | null;
    end_user_id: string | null;
    user_id: string | null;
    params: Record<string, unknown>;
  },
  tokens: TokenSet,
  /** What the connector adds to metadata: `params` when it declares them, `account: null` when it chooses one. */
  shape: { params: boolean; account: boolean },
  /** What `afterExchange` returned to keep; Patchbay's own keys (`params`, `account`) win over it. */
  hookMetadata: Record<string, unknown> = {},
): Promise<{ id: string; previousStatus?: string | undefined; previousAccount?: string | undefined }> {
  const merged = { ...hookMetadata, ...(shape.params ? { params: flow.params } : {}) };
  const tenantId = flow.tenant_id;
  let id = flow.connection_id;
  if (!id && tokens.providerAccountId) {
    const same = await tx
      .selectFrom('connections')
      .select('id')
      .where('connector_id', '=', flow.connector_id)
      .where('provider_account_id', '=', tokens.providerAccountId)
      .executeTakeFirst();
    id = same?.id ?? null;
  }
  const fields = (connectionId: string) => ({
    status: 'active' as const,
    credentials_sealed: sealCredentials(deps.ring, tenantId, connectionId, {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenType: tokens.tokenType,
    }),
    expires_at: tokens.expiresAt ?? null,
    last_error: null,
    last_error_at: null,
    refreshed_at: new Date(),
    updated_at: new Date(),
  });
  if (id) {
    const previous = await tx.selectFrom('connections').select(['status', 'metadata']).where('id', '=', id).executeTakeFirst();
    const updated = await tx
      .updateTable('connections')
      .set({
        ...fields(id),
        ...(tokens.scopes ? { scopes: tokens.scopes } : {}),
        ...(tokens.providerAccountId ? { provider_account_id: tokens.providerAccountId } : {}),
        ...(Object.keys(merged).length ? { metadata: sql<string>`metadata || ${JSON.stringify(merged)}::jsonb` } : {}),
      })
      .where('id', '=', id)
      .where('connector_id', '=', flow.connector_id)
      .returning('id')
      .executeTakeFirst();
    if (updated) return { id: updated.id, previousStatus: previous?.status, previousAccount: storedAccount(previous?.metadata)?.id };
  }
  const newId = randomUUID();
  await tx
    .insertInto('connections')
    .values({
      tenant_id: tenantId,
      id: newId,
      connector_id: flow.connector_id,
      auth_kind: 'oauth2',
      ...fields(newId),
      scopes: tokens.scopes ?? [],
      provider_account_id: tokens.providerAccountId ?? null,
      end_user_id: flow.end_user_id,
      metadata: JSON.stringify({ ...merged, ...(shape.account ? { account: null } : {}) }),
      created_by: flow.user_id ? `user:${flow.user_id}` : flow.end_user_id ? `end_user:${flow.end_user_id}` : null,
    })
    .execute();
  return { id: newId };
}

/** Runs the connector's `verifyCallback`, if any; a verifier that throws refuses the callback. */
function callbackVerified(
  auth: OAuth2Auth,
  query: Readonly<Record<string, string>>,
  app: { clientId: string; clientSecret: string },
  params: Readonly<Record<string, unknown>>,
): boolean {
  if (!auth.verifyCallback) return true;
  try {
    return auth.verifyCallback({ query, client: { id: app.clientId, secret: app.clientSecret }, params, now: new Date() }) === true;
  } catch {
    return false;
  }
}

/** Finishes a flow from the provider's redirect. Never throws for a bad request: it says why. */
export async function completeAuthorization(deps: FlowDeps, params: CallbackParams): Promise<CallbackOutcome> {
  if (!params.state) return { ok: false, code: 'missing_state', message: 'The callback has no state parameter' };
  const stateHash = sha256Hex(params.state);
  // Single use: the flow row is deleted by the statement that reads it.
  const flow = await withSystem(deps.db, (tx) =>
    tx.deleteFrom('oauth_flows').where('state_hash', '=', stateHash).returningAll().executeTakeFirst(),
  );
  if (!flow) return { ok: false, code: 'invalid_state', message: 'Unknown or already used state; start connecting again' };
  const returnTo = flow.return_to;
  const fail = (code: string, message: string): CallbackOutcome => ({ ok: false, code, message, returnTo });
  // A state without its cookie was finished in a browser that did not begin the flow: an
  // attacker's authorization URL handed to a victim. Refused before the code is exchanged.
  if (!bindingMatches(params.state, params.binding)) {
    return fail('state_mismatch', 'This browser did not start this connection; start connecting again here');
  }
  if (flow.expires_at.getTime() < Date.now()) return fail('expired_state', 'The authorization took too long; start connecting again');
  const starter = flow.user_id;
  if (starter && !(await withTenant(deps.db, flow.tenant_id, (tx) => mayManageConnections(tx, starter)))) {
    return fail('forbidden', 'You no longer manage connections in this organization');
  }
  if (params.error) return fail(/^[a-z_]{1,64}$/.test(params.error) ? params.error : 'provider_error', 'The provider did not authorize');
  if (params.iss !== undefined && flow.expected_issuer && params.iss !== flow.expected_issuer) {
    return fail('issuer_mismatch', 'The authorization response came from an unexpected issuer');
  }
  const connector = deps.registry.get(flow.connector_id);
  if (connector?.auth.kind !== 'oauth2') return fail('connector_not_installed', 'The connector is no longer installed');
  const codeParam = connector.auth.callbackCodeParam;
  const code = codeParam ? params.query?.[codeParam] : params.code;
  if (!code) return fail('missing_code', 'The callback has no authorization code');
  const tenantId = flow.tenant_id;
  try {
    const verifier = flow.code_verifier_sealed
      ? open(deps.ring, flow.code_verifier_sealed, { tenantId, recordId: flow.id, purpose: VERIFIER_PURPOSE })
      : undefined;
    const app = await withTenant(deps.db, tenantId, (tx) => resolveOAuthApp(tx, deps.ring, deps.registry, tenantId, connector));
    if (!callbackVerified(connector.auth, params.query ?? {}, app, flow.params)) {
      return fail('callback_unverified', 'The authorization response is not signed by the provider; start connecting again');
    }
    const exchanged = await oauthClientFor(connector, app, flow.redirect_uri, flow.params).exchangeCode(code, verifier);
    const { tokens, metadata } = await afterExchange(connector, app, exchanged, {
      redirectUri: flow.redirect_uri,
      dispatcher: deps.dispatcher,
    });
    const choosesAccount = connector.discover !== undefined && deps.accounts !== undefined;
    const shape = { params: connector.connectionParams !== undefined, account: choosesAccount };
    const saved = await withTenant(deps.db, tenantId, (tx) => saveConnection(tx, deps, flow, tokens, shape, metadata));
    // A re-authorized connection's new credentials are used by this process's next call.
    connectionChanged(deps.db, tenantId, saved.id);
    const account =
      choosesAccount && deps.accounts ? await chooseAfterConnect(deps.accounts, tenantId, saved.id, saved.previousAccount) : undefined;
    if (saved.previousStatus && saved.previousStatus !== 'active') {
      await deps.events?.emitQuietly(tenantId, 'connection.status_changed', {
        connectionId: saved.id,
        connectorId: flow.connector_id,
        from: saved.previousStatus,
        to: 'active',
        reason: 'Authorized again',
      });
    }
    return {
      ok: true,
      tenantId,
      connectionId: saved.id,
      returnTo,
      viaConnectLink: flow.user_id === null,
      ...(account === null ? { accountPending: true } : {}),
    };
  } catch (error) {
    if (error instanceof OAuthError) return fail(error.code, 'The provider refused the authorization code');
    if (error instanceof ConnectorError) return fail(error.code.toLowerCase(), 'The connection parameters do not give an allowed host');
    if (error instanceof EngineError) return fail(error.code.toLowerCase(), error.message);
    throw error;
  }
}
