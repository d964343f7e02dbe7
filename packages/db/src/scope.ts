/**
 * @module The ways into tenant data. Each opens a transaction that sets its scope with
 * `set_config(..., true)` (reset at commit, so pooled connections never carry it over) and
 * drops to a role that row-level security applies to, even when DATABASE_URL is a superuser.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** A transaction in which only one tenant's rows exist. */
export type TenantTx = Transaction<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ScopeError extends Error {
  override readonly name = 'ScopeError';
}

function assertUuid(value: string, what: string): void {
  if (!UUID.test(value)) throw new ScopeError(`${what} is not a uuid`);
}

/**
 * Runs `fn` in a transaction scoped to one tenant, as `patchbay_app`. The only way tenant
 * code reaches tenant tables.
 *
 * @example
 * const keys = await withTenant(db, tenantId, (tx) => tx.selectFrom('api_keys').selectAll().execute());
 */
export function withTenant<T>(db: Kysely<Database>, tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  assertUuid(tenantId, 'tenant id');
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'patchbay_app', true)`.execute(tx);
    return fn(tx);
  });
}

/** Runs `fn` seeing one user's own memberships and their organizations, across tenants. */
export function withUser<T>(db: Kysely<Database>, userId: string, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  assertUuid(userId, 'user id');
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'patchbay_app', true)`.execute(tx);
    return fn(tx);
  });
}

/** Runs `fn` as `patchbay_auth`: may find an API key by prefix before its tenant is known. */
export function withKeyLookup<T>(db: Kysely<Database>, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', 'patchbay_auth', true)`.execute(tx);
    return fn(tx);
  });
}

/**
 * Runs `fn` as `patchbay_system`, which sees every tenant's connection-side rows (connections,
 * OAuth apps and flows, connect sessions, runs) and none of the account tables. For work that
 * starts before a tenant is known or spans tenants: the OAuth callback, key rotation, the
 * scheduled refresher, the run reaper.
 */
export function withSystem<T>(db: Kysely<Database>, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', 'patchbay_system', true)`.execute(tx);
    return fn(tx);
  });
}
