/**
 * @module Refresh without races (RFC 9700 section 4.14). One refresh per connection at a time:
 * in this process through a single-flight, across processes through a row lock on the
 * connection. Whoever gets the lock re-reads the row; if the access token it was going to
 * replace is already gone, another process refreshed and its result is used. The new tokens,
 * including a rotated refresh token, are committed before the access token is handed out; a
 * response without a refresh token keeps the old one; `invalid_grant` marks the connection
 * `needs_reauth` and ends retrying.
 */
import { type KeyRing, OAuthError } from '@patchbay/auth';
import { type Database, withTenant } from '@patchbay/db';
import { type AnyConnector, ConnectorError } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import { EngineError } from '../engine-error.ts';
import type { ConnectorRegistry } from '../registry.ts';
import { SingleFlight } from '../single-flight.ts';
import { type StoredOAuthCredentials, sealCredentials } from './credentials.ts';
import { CONNECTION_COLUMNS, type LoadedConnection, openConnection } from './load-connection.ts';
import { oauthClientFor, resolveOAuthApp } from './oauth-apps.ts';

export interface TokenRefresherOptions {
  db: Kysely<Database>;
  ring: KeyRing;
  registry: ConnectorRegistry;
  redirectUri: string;
  /** Refresh this long before expiry (default 60 s). */
  marginMs?: number;
  /** Told after a refresh failure changed the connection's status (committed). */
  onStatusChange?: (change: StatusChange) => Promise<void>;
}

export interface StatusChange {
  tenantId: string;
  connectionId: string;
  connectorId: string;
  from: string;
  to: string;
  reason: string;
}

type Outcome = { ok: true; connection: LoadedConnection } | { ok: false; error: Error; change?: StatusChange };

export class TokenRefresher {
  readonly #options: TokenRefresherOptions;
  readonly #flights = new SingleFlight<LoadedConnection>();
  readonly marginMs: number;

  constructor(options: TokenRefresherOptions) {
    this.#options = options;
    this.marginMs = options.marginMs ?? 60_000;
  }

  /** Whether the connection's access token is expired or about to be. */
  isDue(connection: LoadedConnection, now = Date.now()): boolean {
    return connection.authKind === 'oauth2' && connection.expiresAt !== null && connection.expiresAt.getTime() - this.marginMs <= now;
  }

  /**
   * Refreshes the credentials the caller read (`seenVersion`, the sealed value: every write
   * re-seals with a fresh nonce, so it changes even when a provider hands back the same token),
   * unless someone already did. Resolves with the connection as stored afterwards.
   */
  refresh(connector: AnyConnector, tenantId: string, connectionId: string, seenVersion: string): Promise<LoadedConnection> {
    return this.#flights.run(`${tenantId}:${connectionId}:${seenVersion}`, async () => {
      const outcome = await withTenant(this.#options.db, tenantId, (tx) =>
        this.#locked(tx, connector, tenantId, connectionId, seenVersion),
      );
      if (!outcome.ok) {
        if (outcome.change) await this.#options.onStatusChange?.(outcome.change).catch(() => {});
        throw outcome.error;
      }
      return outcome.connection;
    });
  }

  async #locked(
    tx: Parameters<Parameters<typeof withTenant>[2]>[0],
    connector: AnyConnector,
    tenantId: string,
    connectionId: string,
    seenVersion: string,
  ): Promise<Outcome> {
    const { ring, registry, redirectUri } = this.#options;
    const row = await tx
      .selectFrom('connections')
      .select(CONNECTION_COLUMNS)
      .where('id', '=', connectionId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!row) return { ok: false, error: new EngineError('CONNECTION_NOT_FOUND', 'Connection not found') };
    const current = openConnection(ring, tenantId, row);
    const stored = current.stored as unknown as StoredOAuthCredentials;
    if (current.status !== 'active') {
      return {
        ok: false,
        error: new EngineError('CONNECTION_INACTIVE', `Connection is ${current.status.replace('_', ' ')}`, {
          connectionStatus: current.status,
        }),
      };
    }
    // Someone refreshed while we waited for the lock: theirs is the token to use.
    if (current.version !== seenVersion) return { ok: true, connection: current };
    const fail = async (status: 'needs_reauth' | 'active' | 'error', message: string, error: Error): Promise<Outcome> => {
      await tx
        .updateTable('connections')
        .set({ status, last_error: message, last_error_at: new Date(), updated_at: new Date() })
        .where('id', '=', connectionId)
        .execute();
      const change =
        status !== current.status
          ? { tenantId, connectionId, connectorId: connector.id, from: current.status, to: status, reason: message }
          : undefined;
      return change ? { ok: false, error, change } : { ok: false, error };
    };
    if (!stored.refreshToken) {
      const message = 'The access token expired and the provider gave no refresh token; authorize again';
      return fail('needs_reauth', message, new EngineError('CONNECTION_INACTIVE', message, { connectionStatus: 'needs_reauth' }));
    }
    let tokens: Awaited<ReturnType<ReturnType<typeof oauthClientFor>['refresh']>>;
    try {
      const app = await resolveOAuthApp(tx, ring, registry, tenantId, connector);
      tokens = await oauthClientFor(connector, app, redirectUri).refresh(stored.refreshToken);
    } catch (error) {
      if (error instanceof EngineError) return { ok: false, error };
      if (error instanceof OAuthError && error.code === 'invalid_grant') {
        const message = 'The provider refused the refresh token (invalid_grant); authorize again';
        return fail('needs_reauth', message, new EngineError('CONNECTION_INACTIVE', message, { connectionStatus: 'needs_reauth' }));
      }
      if (error instanceof OAuthError && error.code === 'invalid_client') {
        const message = 'The provider refused the OAuth app credentials (invalid_client)';
        return fail('error', message, new EngineError('CONNECTION_INACTIVE', message, { connectionStatus: 'error' }));
      }
      const message = `Refreshing the access token failed: ${error instanceof Error ? error.message : 'unknown error'}`;
      return fail(
        'active',
        message,
        new ConnectorError('UPSTREAM', message, { status: error instanceof OAuthError ? error.status : undefined }),
      );
    }
    const next: StoredOAuthCredentials = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? stored.refreshToken,
      tokenType: tokens.tokenType ?? stored.tokenType,
    };
    const now = new Date();
    const updated = await tx
      .updateTable('connections')
      .set({
        credentials_sealed: sealCredentials(ring, tenantId, connectionId, { ...next }),
        expires_at: tokens.expiresAt ?? null,
        scopes: tokens.scopes ?? current.scopes,
        refreshed_at: now,
        last_error: null,
        last_error_at: null,
        updated_at: now,
      })
      .where('id', '=', connectionId)
      .returning(CONNECTION_COLUMNS)
      .executeTakeFirstOrThrow();
    return { ok: true, connection: openConnection(ring, tenantId, updated) };
  }
}
