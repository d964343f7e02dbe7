/**
 * @module Connections made from pasted credentials (API key, basic, a grant's client secret or
 * service-account key, which must first win an access token), checked with the connector's
 * health check before anything is saved; on-demand tests; deletion that revokes at the provider
 * first and never waits on the provider to agree.
 */

import { randomUUID } from 'node:crypto';
import type { KeyRing } from '@patchbay/auth';
import { type ConnectionStatus, type Database, withTenant } from '@patchbay/db';
import { type AnyConnector, ConnectorError, isGrantAuth, parseConnectionParams, runHealthCheck, storedParams } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { EngineError } from '../engine-error.ts';
import type { ConnectorRegistry } from '../registry.ts';
import type { WebhookEmitter } from '../webhooks/events.ts';
import { chooseAfterConnect } from './accounts.ts';
import { connectionChanged } from './connection-loader.ts';
import { credentialsRejected, rejectionReason, writeConnectionStatus } from './connection-status.ts';
import { type DispatcherDeps, dispatcherFor } from './connector-dispatcher.ts';
import { actionCredentials, type StoredOAuthCredentials, sealCredentials } from './credentials.ts';
import { grantCreateError } from './grant-failure.ts';
import { fetchGrantToken, type StoredGrantCredentials } from './grant-token.ts';
import { loadConnection } from './load-connection.ts';
import { oauthClientFor, resolveOAuthApp } from './oauth-apps.ts';
import { revokeWithHook } from './oauth-hooks.ts';
import type { TokenRefresher } from './token-refresher.ts';

export interface ManageDeps extends DispatcherDeps {
  db: Kysely<Database>;
  ring: KeyRing;
  registry: ConnectorRegistry;
  refresher: TokenRefresher;
  redirectUri: string;
  dispatcher?: Dispatcher | undefined;
  events?: WebhookEmitter | undefined;
}

export interface NewConnection {
  connectorId: string;
  name?: string | undefined;
  credentials: Record<string, unknown>;
  metadata?: Record<string, unknown> | undefined;
  /** Connection parameters (`connectionParams`), stored as `metadata.params`. */
  params?: Record<string, unknown> | undefined;
  endUserId?: string | undefined;
  actor?: string | undefined;
}

/** The connector's `fields` output for what the tenant pasted, or INVALID_INPUT naming the field (never its value). */
function parseFields(fields: z.ZodType, input: Record<string, unknown>): Record<string, unknown> {
  const parsed = fields.safeParse(input);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new ConnectorError('INVALID_INPUT', `Invalid credentials${path ? ` at ${path}` : ''}: ${issue?.message}`, { path });
}

// Written by Patchbay itself: a caller's metadata may not forge params or a chosen account.
const RESERVED_METADATA = ['params', 'account'];

function requireConnector(registry: ConnectorRegistry, id: string): AnyConnector {
  const connector = registry.get(id);
  if (!connector) throw new EngineError('CONNECTOR_NOT_INSTALLED', `No installed connector ${id}`);
  return connector;
}

/** Saves a connection from pasted credentials, only once the health check accepts them. */
/** `accountPending`: the connector acts for one account of the grant and none could be chosen yet. */
export async function createConnection(
  deps: ManageDeps,
  tenantId: string,
  request: NewConnection,
): Promise<{ id: string; accountPending?: boolean | undefined }> {
  const connector = requireConnector(deps.registry, request.connectorId);
  const auth = connector.auth;
  if (auth.kind === 'oauth2') {
    throw new ConnectorError('INVALID_INPUT', `${connector.id} connects through OAuth: open /oauth/${connector.id}/authorize`);
  }
  let credentials: Record<string, unknown> = {};
  // A grant's first token, kept with the fields that fetch the next one (actions see the token only).
  let granted: { stored: StoredGrantCredentials; expiresAt: Date | null; scopes: string[] } | undefined;
  if (auth.kind === 'apiKey' || auth.kind === 'basic') credentials = parseFields(auth.fields, request.credentials);
  if (isGrantAuth(auth)) {
    const fields = parseFields(auth.fields, request.credentials);
    const tokens = await fetchGrantToken(auth, fields).catch((error: unknown) => {
      throw grantCreateError(auth, error);
    });
    const stored: StoredGrantCredentials = { accessToken: tokens.accessToken, tokenType: tokens.tokenType, grant: fields };
    granted = { stored, expiresAt: tokens.expiresAt ?? null, scopes: tokens.scopes ?? [...auth.scopes] };
    credentials = actionCredentials(auth.kind, { ...stored });
  }
  const reserved = RESERVED_METADATA.find((key) => request.metadata && Object.hasOwn(request.metadata, key));
  if (reserved) throw new ConnectorError('INVALID_INPUT', `metadata.${reserved} is set by Patchbay`, { path: `metadata.${reserved}` });
  const params = parseConnectionParams(connector, request.params);
  const metadata = {
    ...request.metadata,
    ...(connector.connectionParams ? { params } : {}),
    ...(connector.discover ? { account: null } : {}),
  };
  const id = randomUUID();
  await runHealthCheck(connector, {
    credentials,
    connection: { id, metadata, scopes: [], account: null },
    ...dispatcherFor(deps, connector),
  });
  await withTenant(deps.db, tenantId, (tx) =>
    tx
      .insertInto('connections')
      .values({
        tenant_id: tenantId,
        id,
        connector_id: connector.id,
        auth_kind: auth.kind,
        name: request.name ?? null,
        credentials_sealed: sealCredentials(deps.ring, tenantId, id, granted ? { ...granted.stored } : credentials),
        expires_at: granted?.expiresAt ?? null,
        scopes: granted?.scopes ?? [],
        metadata: JSON.stringify(metadata),
        end_user_id: request.endUserId ?? null,
        created_by: request.actor ?? null,
      })
      .execute(),
  );
  if (connector.discover && (await chooseAfterConnect(deps, tenantId, id)) === null) return { id, accountPending: true };
  return { id };
}

export interface TestOutcome {
  ok: boolean;
  status: ConnectionStatus;
  error?: { code: string; message: string } | undefined;
}

/**
 * Runs the health check now. An OAuth token the provider refuses is refreshed first (once), so
 * an early-revoked access token does not disable a connection whose refresh token works (F10);
 * credentials still refused mark it `needs_reauth`; a success clears it.
 */
export async function testConnection(deps: ManageDeps, tenantId: string, connectionId: string): Promise<TestOutcome> {
  let connection = await withTenant(deps.db, tenantId, (tx) => loadConnection(tx, deps.ring, tenantId, connectionId));
  const read = connection.status;
  const connector = requireConnector(deps.registry, connection.connectorId);
  if (read === 'needs_reauth' || read === 'revoked') {
    return { ok: false, status: read, error: { code: 'CONNECTION_INACTIVE', message: `Connection is ${read}` } };
  }
  let failure: { code: string; message: string } | undefined;
  let status: ConnectionStatus = 'active';
  try {
    const refreshable = (connector.auth.kind === 'oauth2' && connector.auth.refresh.supported) || isGrantAuth(connector.auth);
    if (refreshable && deps.refresher.isDue(connection)) {
      connection = await deps.refresher.refresh(connector, tenantId, connectionId, connection.version);
    }
    const refreshCredentials = async () => {
      connection = await deps.refresher.refresh(connector, tenantId, connectionId, connection.version);
      return actionCredentials(connection.authKind, connection.stored);
    };
    await runHealthCheck(connector, {
      credentials: actionCredentials(connection.authKind, connection.stored),
      connection: { id: connection.id, metadata: connection.metadata, scopes: connection.scopes },
      ...dispatcherFor(deps, connector),
      ...(refreshable ? { refreshCredentials } : {}),
    });
  } catch (error) {
    if (error instanceof ConnectorError || error instanceof EngineError) failure = { code: error.code, message: error.message };
    else failure = { code: 'CONNECTOR_FAILURE', message: 'The health check failed unexpectedly' };
    if (error instanceof EngineError && error.connectionStatus) {
      // The refresher already stored this status and told subscribers.
      return { ok: false, status: error.connectionStatus, error: failure };
    }
    status = credentialsRejected(error) ? 'needs_reauth' : read;
    if (credentialsRejected(error)) failure = { code: error.code, message: rejectionReason(error) };
  }
  await writeConnectionStatus(deps, {
    tenantId,
    connectionId,
    connectorId: connector.id,
    from: read,
    to: status,
    reason: failure ? failure.message : null,
  });
  return { ok: !failure, status, error: failure };
}

/**
 * Revokes at the provider when it can (the connector's `revoke` hook, else RFC 7009 at
 * `revokeUrl`), then deletes the connection and its credentials whatever the provider said:
 * `revokedAtProvider` tells whether the provider confirmed, `revocationError` why not.
 */
export async function deleteConnection(
  deps: ManageDeps,
  tenantId: string,
  connectionId: string,
): Promise<{ id: string; revokedAtProvider: boolean; revocationError?: string | undefined }> {
  const connection = await withTenant(deps.db, tenantId, (tx) => loadConnection(tx, deps.ring, tenantId, connectionId));
  const connector = deps.registry.get(connection.connectorId);
  let revokedAtProvider = false;
  let revocationError: string | undefined;
  if (connector?.auth.kind === 'oauth2' && (connector.auth.revokeUrl || connector.auth.revoke)) {
    const stored = connection.stored as unknown as StoredOAuthCredentials;
    try {
      const app = await withTenant(deps.db, tenantId, (tx) => resolveOAuthApp(tx, deps.ring, deps.registry, tenantId, connector));
      if (connector.auth.revoke) {
        const tokens = { ...stored, expiresAt: connection.expiresAt ?? undefined, scopes: connection.scopes };
        ({ revoked: revokedAtProvider, error: revocationError } = await revokeWithHook(connector, app, tokens, deps));
      } else {
        const client = oauthClientFor(connector, app, deps.redirectUri, storedParams(connection.metadata));
        // Revoking the refresh token ends the whole grant at providers that support it (RFC 7009).
        await client.revoke(stored.refreshToken ?? stored.accessToken);
        revokedAtProvider = true;
      }
    } catch (error) {
      revocationError = error instanceof Error ? error.message : 'revocation failed';
    }
  }
  await withTenant(deps.db, tenantId, (tx) => tx.deleteFrom('connections').where('id', '=', connectionId).execute());
  connectionChanged(deps.db, tenantId, connectionId);
  return { id: connectionId, revokedAtProvider, revocationError };
}
