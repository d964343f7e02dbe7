/**
 * @module The ways into tenant data. Each opens a transaction that sets its scope with
 * `set_config(..., true)` (reset at commit, so pooled connections never carry it over) and
 * drops to a role that row-level security applies to, even when DATABASE_URL is a superuser.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { isUuid } from './uuid.ts';

/**
 * A transaction in which only one tenant's rows exist. Typed as Kysely's `Transaction`, whose
 * `transaction()`, `startTransaction()` and `connection()` return `never`; at run time they
 * throw (see `sealScope`), so no code inside a scope can COMMIT it early and go on unscoped.
 */
export type TenantTx = Transaction<Database>;

export class ScopeError extends Error {
  override readonly name = 'ScopeError';
}

function assertUuid(value: string, what: string): void {
  if (!isUuid(value)) throw new ScopeError(`${what} is not a uuid`);
}

const refuse = (method: string) => () => {
  throw new ScopeError(`${method}() inside a tenant scope would end its transaction; the scope is already one`);
};

/** Methods returning a new handle on the same connection; their results are sealed too. */
const DERIVING = ['withPlugin', 'withoutPlugins', 'withSchema'] as const;

/**
 * Makes the connection-bound Kysely a scope hands out behave as the `Transaction` its type
 * says: a nested `transaction()` would send BEGIN (a warning inside a transaction) and then a
 * COMMIT that ends the scoped one, leaving later queries on the session user with no tenant
 * set. Own properties on this one short-lived instance shadow the methods; nothing is shared.
 */
function sealScope(handle: Kysely<Database>): Transaction<Database> {
  for (const method of ['transaction', 'startTransaction', 'connection', 'destroy'] as const) {
    Object.defineProperty(handle, method, { value: refuse(method) });
  }
  Object.defineProperty(handle, 'isTransaction', { value: true });
  for (const method of DERIVING) {
    const derive = handle[method] as (...args: never[]) => Kysely<Database>;
    Object.defineProperty(handle, method, { value: (...args: never[]) => sealScope(derive.apply(handle, args)) });
  }
  // The instance now has every Transaction behaviour callers can reach; the type says so.
  return handle as Transaction<Database>;
}

/**
 * A transaction opened and scoped in one round trip: `begin` and the `set_config` calls go as
 * one simple-protocol message. Only fixed role names and uuids already checked by `assertUuid`
 * are ever inlined, so nothing a caller controls reaches the SQL text unchecked. If that setup
 * fails half way, the connection is released still inside a transaction, and the pool guard in
 * `createKysely` destroys it instead of pooling it.
 */
async function scopedTransaction<T>(db: Kysely<Database>, settings: string, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql.raw(`begin; select ${settings}`).execute(connection);
    let result: T;
    try {
      result = await fn(sealScope(connection));
    } catch (error) {
      // A failed rollback (the connection died) must not hide why the work failed; the guard
      // destroys a connection left inside the transaction.
      await sql
        .raw('rollback')
        .execute(connection)
        .catch(() => {});
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

/**
 * One transaction that starts as `patchbay_system` to find which tenant a request belongs to,
 * then narrows to that tenant (as `patchbay_app`) for the rest: for a request that names no
 * tenant (a provider's webhook), where two transactions would cost a commit and a second begin.
 * Privileges only shrink, and only here: no caller can switch scopes inside a tenant's
 * transaction. When `find` finds nothing, `fn` is not called and the answer is undefined.
 */
export function withSystemThenTenant<F extends { tenantId: string }, T>(
  db: Kysely<Database>,
  find: (tx: Transaction<Database>) => Promise<F | undefined>,
  fn: (tx: TenantTx, found: F) => Promise<T>,
): Promise<T | undefined> {
  return scopedTransaction(db, setting('role', 'patchbay_system'), async (tx) => {
    const found = await find(tx);
    if (!found) return undefined;
    assertUuid(found.tenantId, 'tenant id');
    await sql.raw(`select ${setting('app.tenant_id', found.tenantId)}, ${setting('role', 'patchbay_app')}`).execute(tx);
    return fn(tx, found);
  });
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
