/**
 * @module Choosing the account a connection acts for (`discover` on a connector). After a
 * connection is made, one listed account is chosen at once; with none or several,
 * `metadata.account` is null and actions refuse with ACCOUNT_NOT_CHOSEN until
 * `connections.setAccount` names one. Choosing re-runs `discover`, so only an account the grant
 * can act for is stored, with its fresh per-account credentials sealed beside the grant's.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { KeyRing } from '@patchbay/auth';
import { type Database, withTenant } from '@patchbay/db';
import { type ConnectedAccount, ConnectorError, type DiscoveredAccount, runDiscover } from '@patchbay/sdk';
import { type Kysely, sql } from 'kysely';
import { EngineError } from '../engine-error.ts';
import type { ConnectorRegistry } from '../registry.ts';
import { connectionChanged } from './connection-loader.ts';
import { type DispatcherDeps, dispatcherFor } from './connector-dispatcher.ts';
import { actionCredentials, openCredentials, sealCredentials } from './credentials.ts';
import { assertUsable, loadConnection } from './load-connection.ts';
import type { TokenRefresher } from './token-refresher.ts';

export interface AccountDeps extends DispatcherDeps {
  db: Kysely<Database>;
  ring: KeyRing;
  registry: ConnectorRegistry;
  refresher: TokenRefresher;
}

/** What callers see of an account: never its credentials. */
export function accountView(account: DiscoveredAccount): ConnectedAccount {
  return { id: account.id, name: account.name, ...(account.metadata ? { metadata: account.metadata } : {}) };
}

/** The accounts the connection's grant can act for, from the connector's `discover`. */
export async function discoverAccounts(deps: AccountDeps, tenantId: string, connectionId: string): Promise<DiscoveredAccount[]> {
  let connection = await withTenant(deps.db, tenantId, (tx) => loadConnection(tx, deps.ring, tenantId, connectionId));
  const connector = deps.registry.get(connection.connectorId);
  if (!connector) throw new EngineError('CONNECTOR_NOT_INSTALLED', `No installed connector ${connection.connectorId}`);
  if (!connector.discover) throw new ConnectorError('NOT_FOUND', `${connector.id} does not list accounts`);
  assertUsable(connection, connector.id);
  if (connector.auth.kind === 'oauth2' && connector.auth.refresh.supported && deps.refresher.isDue(connection)) {
    connection = await deps.refresher.refresh(connector, tenantId, connectionId, connection.version);
  }
  // Listed with the grant's own credentials, not a previously chosen account's.
  const { account: _chosen, ...credentials } = actionCredentials(connection.authKind, connection.stored);
  return runDiscover(connector, {
    credentials,
    connection: { id: connection.id, metadata: connection.metadata, scopes: connection.scopes, account: null },
    ...dispatcherFor(deps, connector),
  });
}

/**
 * Stores the chosen account (or null) on the connection: its view in `metadata.account`, its
 * credentials sealed under `account`. Waits out a token refresh in progress, whose write would
 * otherwise put back the credentials it read before this one.
 */
async function storeAccount(deps: AccountDeps, tenantId: string, connectionId: string, chosen: DiscoveredAccount | null): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const stored = await withTenant(deps.db, tenantId, async (tx) => {
      const { rows } = await sql<{ credentials_sealed: string | null; metadata: Record<string, unknown>; leased: boolean }>`
        select credentials_sealed, metadata, coalesce(refresh_lock_until > now(), false) as leased
          from connections where id = ${connectionId} for update`.execute(tx);
      const row = rows[0];
      if (!row) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
      if (row.leased) return false;
      const { account: _previous, ...grant } = row.credentials_sealed
        ? openCredentials(deps.ring, tenantId, connectionId, row.credentials_sealed)
        : {};
      const credentials = chosen?.credentials ? { ...grant, account: chosen.credentials } : grant;
      const metadata = { ...row.metadata, account: chosen ? accountView(chosen) : null };
      await tx
        .updateTable('connections')
        .set({
          credentials_sealed: sealCredentials(deps.ring, tenantId, connectionId, credentials),
          metadata: JSON.stringify(metadata),
          updated_at: new Date(),
        })
        .where('id', '=', connectionId)
        .execute();
      return true;
    });
    if (stored) {
      connectionChanged(deps.db, tenantId, connectionId);
      return;
    }
    if (attempt >= 50) throw new EngineError('CONNECTION_INACTIVE', 'The connection is being refreshed; try again');
    await sleep(200);
  }
}

/** Chooses `accountId`, which `discover` must list for this grant now. */
export async function setAccount(deps: AccountDeps, tenantId: string, connectionId: string, accountId: string): Promise<ConnectedAccount> {
  const accounts = await discoverAccounts(deps, tenantId, connectionId);
  const chosen = accounts.find((a) => a.id === accountId);
  if (!chosen) throw new EngineError('ACCOUNT_NOT_FOUND', 'The grant cannot act for this account (discover does not list it)');
  await storeAccount(deps, tenantId, connectionId, chosen);
  return accountView(chosen);
}

/**
 * Right after connecting: keeps `keep` (a re-authorized connection's account) when still listed,
 * else chooses the only account, else leaves none chosen. A failing `discover` leaves none chosen
 * too: the grant itself worked, and `connections.discover` can be tried again.
 */
export async function chooseAfterConnect(
  deps: AccountDeps,
  tenantId: string,
  connectionId: string,
  keep?: string | undefined,
): Promise<ConnectedAccount | null> {
  let accounts: DiscoveredAccount[] = [];
  try {
    accounts = await discoverAccounts(deps, tenantId, connectionId);
  } catch (error) {
    if (!(error instanceof ConnectorError || error instanceof EngineError)) throw error;
  }
  const chosen = accounts.find((a) => a.id === keep) ?? (accounts.length === 1 ? accounts[0] : undefined) ?? null;
  await storeAccount(deps, tenantId, connectionId, chosen);
  return chosen ? accountView(chosen) : null;
}
