/**
 * @module The cross-process refresh lease on a connection row (migration 202612011300). Each
 * function is one short statement inside a short tenant transaction: no pool connection is
 * held while the token endpoint answers. The lease columns are not in the Database type yet,
 * so these statements are written in SQL.
 */
import type { ConnectionStatus, TenantTx } from '@patchbay/db';
import { sql } from 'kysely';
import { CONNECTION_COLUMNS, type ConnectionRow } from './load-connection.ts';

const columns = sql.join(CONNECTION_COLUMNS.map((c) => sql.ref(c)));

export interface LeaseKey {
  tenantId: string;
  connectionId: string;
  /** This refresh's owner id: only its holder writes the result or releases the lease. */
  owner: string;
}

/**
 * Takes the lease when the connection is active, still holds the credentials the caller saw,
 * and nobody holds an unexpired lease. Concurrent claims serialize on the row: the second one
 * re-checks after the first commits and finds the lease taken.
 */
export async function claimLease(tx: TenantTx, key: LeaseKey, seenVersion: string, leaseMs: number): Promise<ConnectionRow | undefined> {
  const { rows } = await sql<ConnectionRow>`
    update connections
       set refresh_lock_owner = ${key.owner}, refresh_lock_until = now() + make_interval(secs => ${leaseMs / 1000})
     where tenant_id = ${key.tenantId} and id = ${key.connectionId}
       and status = 'active' and credentials_sealed = ${seenVersion}
       and (refresh_lock_until is null or refresh_lock_until <= now())
    returning ${columns}`.execute(tx);
  return rows[0];
}

/** The row as it is now, and whether someone else's lease on it is still live. */
export async function readLeased(
  tx: TenantTx,
  tenantId: string,
  connectionId: string,
): Promise<(ConnectionRow & { leased: boolean }) | undefined> {
  const { rows } = await sql<ConnectionRow & { leased: boolean }>`
    select ${columns}, coalesce(refresh_lock_until > now(), false) as leased
      from connections where tenant_id = ${tenantId} and id = ${connectionId}`.execute(tx);
  return rows[0];
}

export interface RefreshedValues {
  credentialsSealed: string;
  expiresAt: Date | null;
  scopes: string[];
}

/**
 * Stores the new tokens and releases the lease, if this holder still owns it or nobody has
 * written other credentials since (a lease that expired under a slow holder and was not taken).
 */
export async function writeRefreshed(
  tx: TenantTx,
  key: LeaseKey,
  seenVersion: string,
  values: RefreshedValues,
): Promise<ConnectionRow | undefined> {
  const { rows } = await sql<ConnectionRow>`
    update connections
       set credentials_sealed = ${values.credentialsSealed}, expires_at = ${values.expiresAt},
           scopes = ${values.scopes}::text[], refreshed_at = now(), last_error = null, last_error_at = null,
           updated_at = now(), refresh_lock_owner = null, refresh_lock_until = null
     where tenant_id = ${key.tenantId} and id = ${key.connectionId}
       and (refresh_lock_owner = ${key.owner} or credentials_sealed = ${seenVersion})
    returning ${columns}`.execute(tx);
  return rows[0];
}

/** Records a failed refresh (status and last error) and releases this holder's lease. */
export async function releaseFailed(tx: TenantTx, key: LeaseKey, status: ConnectionStatus, lastError: string): Promise<void> {
  await sql`
    update connections
       set status = ${status}, last_error = ${lastError}, last_error_at = now(), updated_at = now(),
           refresh_lock_owner = null, refresh_lock_until = null
     where tenant_id = ${key.tenantId} and id = ${key.connectionId} and refresh_lock_owner = ${key.owner}`.execute(tx);
}
