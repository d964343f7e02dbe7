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
 * A transaction opened and scoped in one round trip: `begin` and the `set_config` calls go as
 * one simple-protocol message. Only fixed role names and uuids already checked by `assertUuid`
 * are ever inlined, so nothing a caller controls reaches the SQL text unchecked.
 */
async function scopedTransaction<T>(db: Kysely<Database>, settings: string, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql.raw(`begin; select ${settings}`).execute(connection);
    let result: T;
    try {
      // The connection is inside the transaction begun above; it stands in for a Transaction.
      result = await fn(connection as Transaction<Database>);
    } catch (error) {
      await sql.raw('rollback').execute(connection);
      throw error;
    }
    await sql.raw('commit').execute(connection);
    return result;
  });
}

const setting = (name: string, value: string) => `set_config('${name}', '${value}', true)`;

/**
 * Runs `fn` in a transaction scoped to one tenant, as `patchbay_app`. The only way tenant
 * code reaches tenant tables.
 *
 * @example
 * const keys = await withTenant(db, tenantId, (tx) => tx.selectFrom('api_keys').selectAll().execute());
 */
export function withTenant<T>(db: Kysely<Database>, tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  assertUuid(tenantId, 'tenant id');
  return scopedTransaction(db, `${setting('app.tenant_id', tenantId)}, ${setting('role', 'patchbay_app')}`, fn);
}

/**
 * Runs `fn` scoped to several tenants at once, for batched hot-path work on rows of requests
 * already authenticated for those tenants. Only `connections` and `runs` accept this scope
 * (their policies read `app.tenant_ids`); every other table shows nothing. Code inside must
 * still filter each row by its own tenant.
 */
export async function withTenants<T>(db: Kysely<Database>, tenantIds: readonly string[], fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  for (const id of tenantIds) assertUuid(id, 'tenant id');
  if (tenantIds.length === 0) throw new ScopeError('no tenant to scope to');
  return scopedTransaction(
    db,
    `${setting('app.tenant_ids', `{${[...new Set(tenantIds)].join(',')}}`)}, ${setting('role', 'patchbay_app')}`,
    fn,
  );
}

/** Runs `fn` seeing one user's own memberships and their organizations, across tenants. */
export function withUser<T>(db: Kysely<Database>, userId: string, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  assertUuid(userId, 'user id');
  return scopedTransaction(db, `${setting('app.user_id', userId)}, ${setting('role', 'patchbay_app')}`, fn);
}

/** Runs `fn` as `patchbay_auth`: may find an API key by prefix before its tenant is known. */
export function withKeyLookup<T>(db: Kysely<Database>, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return scopedTransaction(db, setting('role', 'patchbay_auth'), fn);
}

/**
 * Runs `fn` as `patchbay_system`, which sees every tenant's connection-side rows (connections,
 * OAuth apps and flows, connect sessions, runs) and none of the account tables. For work that
 * starts before a tenant is known or spans tenants: the OAuth callback, key rotation, the
 * scheduled refresher, the run reaper.
 */
export function withSystem<T>(db: Kysely<Database>, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return scopedTransaction(db, setting('role', 'patchbay_system'), fn);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Runs `fn` as `patchbay_app` seeing only the invitation whose token hashes to `tokenHash` (the
 * `invitation_by_token` policy), in any tenant. Accepting an invitation starts here, before its
 * tenant is known; everything after that goes through `withTenant`.
 */
export function withInvitationToken<T>(db: Kysely<Database>, tokenHash: string, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (!SHA256_HEX.test(tokenHash)) throw new ScopeError('token hash is not a sha-256 hex digest');
  return scopedTransaction(db, `${setting('app.invitation_token_hash', tokenHash)}, ${setting('role', 'patchbay_app')}`, fn);
}
