/**
 * @module Refresh without races (RFC 9700 section 4.14), and without holding a pool connection
 * while the token endpoint answers. One refresh per connection at a time: in this process
 * through a single-flight, across processes through a lease on the connection row, claimed in a
 * short transaction that commits before the provider is called. Others poll until the holder
 * writes new credentials (and use them) or its lease ends; a crashed holder's lease expires.
 * The new tokens, including a rotated refresh token, are committed before the access token is
 * handed out; a response without a refresh token keeps the old one; a refused refresh token
 * (or what the connector's `classifyTokenError` says) marks the connection and ends retrying.
 * A connector's own `refresh.run` (no refresh token needed) runs under the same lease. Grant
 * connections (client credentials, JWT bearer) take the same path, but run their grant again
 * with their own stored credentials instead of using a refresh token.
 */

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KeyRing } from '@patchbay/auth';
import { type Database, type TenantTx, withTenant } from '@patchbay/db';
import { type AnyConnector, ConnectorError, isGrantAuth, storedParams, type TokenSet } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type { Dispatcher } from 'undici';
import { EngineError } from '../engine-error.ts';
import type { ConnectorRegistry } from '../registry.ts';
import { SingleFlight } from '../single-flight.ts';
import { connectionChanged } from './connection-loader.ts';
import { type StoredOAuthCredentials, sealCredentials } from './credentials.ts';
import { grantFailure } from './grant-failure.ts';
import { fetchGrantToken, type StoredGrantCredentials } from './grant-token.ts';
import { type ConnectionRow, type LoadedConnection, openConnection } from './load-connection.ts';
import { oauthClientFor, type ResolvedOAuthApp, resolveOAuthApp } from './oauth-apps.ts';
import { customRefresh, hasCustomRefresh } from './oauth-hooks.ts';
import { noRefreshToken, type RefreshFailure, refreshFailure } from './refresh-failure.ts';
import { claimLease, type LeaseKey, readLeased, releaseFailed, writeRefreshed } from './refresh-lease.ts';

export interface TokenRefresherOptions {
  db: Kysely<Database>;
  ring: KeyRing;
  registry: ConnectorRegistry;
  redirectUri: string;
  /** Refresh this long before expiry (default 60 s). */
  marginMs?: number;
  /** Told after a refresh failure changed the connection's status (committed). */
  onStatusChange?: (change: StatusChange) => Promise<void>;
  /** How long a claimed refresh may take before others may take over (default 30 s: twice the token call's timeout). */
  leaseMs?: number;
  /** How often a process waiting on another's lease looks again (default 50 ms). */
  pollMs?: number;
  /** Outgoing HTTP for a connector's own refresh hook (a MockAgent in tests). */
  dispatcher?: Dispatcher | undefined;
}

export interface StatusChange {
  tenantId: string;
  connectionId: string;
  connectorId: string;
  from: string;
  to: string;
  reason: string;
}

/** What one look at the row decided. */
type Step =
  | { kind: 'done'; connection: LoadedConnection }
  | { kind: 'claimed'; row: ConnectionRow; app: ResolvedOAuthApp | undefined }
  | { kind: 'wait' }
  | { kind: 'failed'; error: Error; change?: StatusChange | undefined };

export class TokenRefresher {
  readonly #options: TokenRefresherOptions;
  readonly #flights = new SingleFlight<LoadedConnection>();
  readonly marginMs: number;
  readonly #leaseMs: number;
  readonly #pollMs: number;

  constructor(options: TokenRefresherOptions) {
    this.#options = options;
    this.marginMs = options.marginMs ?? 60_000;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollMs = options.pollMs ?? 50;
  }

  /** Whether the connection's access token is expired or about to be. */
  isDue(connection: LoadedConnection, now = Date.now()): boolean {
    const tokenKind =
      connection.authKind === 'oauth2' || connection.authKind === 'clientCredentials' || connection.authKind === 'jwtBearer';
    return tokenKind && connection.expiresAt !== null && connection.expiresAt.getTime() - this.marginMs <= now;
  }

  /**
   * Refreshes the credentials the caller read (`seenVersion`, the sealed value: every write
   * re-seals with a fresh nonce, so it changes even when a provider hands back the same token),
   * unless someone already did. Resolves with the connection as stored afterwards.
   */
  refresh(connector: AnyConnector, tenantId: string, connectionId: string, seenVersion: string): Promise<LoadedConnection> {
    // Whatever the refresh wrote (new tokens, a failed status), this process's next call reads it.
    const changed = () => connectionChanged(this.#options.db, tenantId, connectionId);
    return this.#flights
      .run(`${tenantId}:${connectionId}:${seenVersion}`, async () => {
        const key: LeaseKey = { tenantId, connectionId, owner: randomUUID() };
        // Past two leases a live holder would have finished or lost its lease to us.
        const giveUpAt = Date.now() + 2 * this.#leaseMs;
        for (;;) {
          const step = await withTenant(this.#options.db, tenantId, (tx) => this.#look(tx, connector, key, seenVersion));
          if (step.kind === 'done') return step.connection;
          if (step.kind === 'claimed') return this.#exchange(connector, key, seenVersion, step.row, step.app);
          if (step.kind === 'failed') return this.#fail(step.error, step.change);
          if (Date.now() > giveUpAt) throw new ConnectorError('UPSTREAM', 'Another process is still refreshing the access token');
          await sleep(this.#pollMs);
        }
      })
      .finally(changed);
  }

  async #fail(error: Error, change: StatusChange | undefined): Promise<never> {
    if (change) await this.#options.onStatusChange?.(change).catch(() => {});
    throw error;
  }

  /** One short transaction: take the lease, or find out why not. */
  async #look(tx: TenantTx, connector: AnyConnector, key: LeaseKey, seenVersion: string): Promise<Step> {
    const { ring, registry } = this.#options;
    const claimed = await claimLease(tx, key, seenVersion, this.#leaseMs);
    if (claimed) {
      // A grant needs no refresh token and no OAuth app: the connection holds its own credentials.
      if (isGrantAuth(connector.auth)) return { kind: 'claimed', row: claimed, app: undefined };
      const stored = openConnection(ring, key.tenantId, claimed).stored as unknown as StoredOAuthCredentials;
      if (!stored.refreshToken && !hasCustomRefresh(connector)) {
        const failure = noRefreshToken();
        await releaseFailed(tx, key, failure.status, failure.message);
        return { kind: 'failed', error: failure.error, change: this.#change(connector, key, claimed.status, failure) };
      }
      // Resolved here, in the claim's transaction: an app that is missing rolls the claim back.
      return { kind: 'claimed', row: claimed, app: await resolveOAuthApp(tx, ring, registry, key.tenantId, connector) };
    }
    const row = await readLeased(tx, key.tenantId, key.connectionId);
    if (!row) return { kind: 'failed', error: new EngineError('CONNECTION_NOT_FOUND', 'Connection not found') };
    if (row.status !== 'active') {
      const error = new EngineError('CONNECTION_INACTIVE', `Connection is ${row.status.replace('_', ' ')}`, {
        connectionStatus: row.status,
      });
      return { kind: 'failed', error };
    }
    // Someone refreshed while we looked or waited: theirs is the token to use.
    if (row.credentials_sealed !== seenVersion) return { kind: 'done', connection: openConnection(ring, key.tenantId, row) };
    return { kind: 'wait' };
  }

  /** Calls the token endpoint holding the lease but no database connection, then stores the answer. */
  async #exchange(
    connector: AnyConnector,
    key: LeaseKey,
    seenVersion: string,
    row: ConnectionRow,
    app: ResolvedOAuthApp | undefined,
  ): Promise<LoadedConnection> {
    const { db, ring } = this.#options;
    const current = openConnection(ring, key.tenantId, row);
    const stored = current.stored as unknown as StoredOAuthCredentials;
    let tokens: TokenSet;
    try {
      tokens = await this.#newTokens(connector, current, app);
    } catch (error) {
      const failure = isGrantAuth(connector.auth) ? grantFailure(connector.auth, error) : refreshFailure(connector, error);
      await withTenant(db, key.tenantId, (tx) => releaseFailed(tx, key, failure.status, failure.message));
      return this.#fail(failure.error, this.#change(connector, key, current.status, failure));
    }
    // Spread first: a grant's own fields stay with the new token.
    const next: StoredOAuthCredentials = {
      // (and a chosen account's own credentials, a Page token, outlive the user token's refresh).
      ...current.stored,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? stored.refreshToken,
      tokenType: tokens.tokenType ?? stored.tokenType,
    };
    const written = await withTenant(db, key.tenantId, async (tx) => {
      const updated = await writeRefreshed(tx, key, seenVersion, {
        credentialsSealed: sealCredentials(ring, key.tenantId, key.connectionId, { ...next }),
        expiresAt: tokens.expiresAt ?? null,
        scopes: tokens.scopes ?? current.scopes,
      });
      // Our lease ran out and another holder stored newer credentials: use those.
      return updated ?? (await readLeased(tx, key.tenantId, key.connectionId));
    });
    if (!written) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
    return openConnection(ring, key.tenantId, written);
  }

  /**
   * A new access token: a grant run again with the connection's own credentials, the connector's
   * own `refresh.run`, or the refresh token spent.
   */
  #newTokens(connector: AnyConnector, current: LoadedConnection, app: ResolvedOAuthApp | undefined): Promise<TokenSet> {
    if (isGrantAuth(connector.auth)) return fetchGrantToken(connector.auth, (current.stored as unknown as StoredGrantCredentials).grant);
    if (!app) return Promise.reject(new EngineError('OAUTH_APP_MISSING', `No OAuth app is configured for ${connector.id}`));
    const { redirectUri, dispatcher } = this.#options;
    const stored = current.stored as unknown as StoredOAuthCredentials;
    if (hasCustomRefresh(connector)) {
      return customRefresh(
        connector,
        app,
        { ...stored, expiresAt: current.expiresAt ?? undefined, scopes: current.scopes },
        { redirectUri, dispatcher },
      );
    }
    return oauthClientFor(connector, app, redirectUri, storedParams(current.metadata)).refresh(stored.refreshToken ?? '');
  }

  #change(connector: AnyConnector, key: LeaseKey, from: string, failure: RefreshFailure): StatusChange | undefined {
    if (failure.status === from) return undefined;
    return {
      tenantId: key.tenantId,
      connectionId: key.connectionId,
      connectorId: connector.id,
      from,
      to: failure.status,
      reason: failure.message,
    };
  }
}
