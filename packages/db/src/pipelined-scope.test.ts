import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from './connect.ts';
import { executeInTenantsScope, queryInTenantsScope } from './pipelined-scope.ts';
import { ScopeError, withTenant } from './scope.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
const A = randomUUID();
const B = randomUUID();

beforeAll(async () => {
  t = await createTestDatabase();
  for (const id of [A, B]) await withTenant(t.db, id, (tx) => tx.insertInto('organizations').values({ id, name: id }).execute());
});
afterAll(() => t?.destroy());

const run = (tenantId: string) => ({
  id: randomUUID(),
  tenant_id: tenantId,
  connection_id: randomUUID(),
  connector_id: 'acme',
  action: 'echo',
  connector_version: '1.0.0',
  mode: 'sync' as const,
  status: 'succeeded' as const,
  input_hash: 'h',
  started_at: new Date(),
  attempts: JSON.stringify([{ attempt: 1 }]),
});

const insert = (rows: ReturnType<typeof run>[]) => t.db.insertInto('runs').values(rows).compile();

async function stored(ids: string[]): Promise<string[]> {
  const rows = await t.db.selectFrom('runs').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id).sort();
}

describe('executeInTenantsScope', () => {
  it('writes rows of the tenants in scope, committed, in one round trip', async () => {
    const rows = [run(A), run(B)];
    await executeInTenantsScope(t.pool, [A, B], insert(rows));
    expect(await stored(rows.map((r) => r.id))).toEqual(rows.map((r) => r.id).sort());
  });

  it('row-level security still applies: a row of a tenant outside the scope is refused and nothing of the batch is written', async () => {
    const rows = [run(A), run(B)];
    await expect(executeInTenantsScope(t.pool, [A], insert(rows))).rejects.toThrow(/row-level security/);
    expect(await stored(rows.map((r) => r.id))).toEqual([]);
  });

  it('leaves no scope, role or transaction on the pooled connection', async () => {
    const pool = createPool(t.url, 1);
    try {
      await executeInTenantsScope(pool, [A], insert([run(A)]));
      const { rows } = await pool.query<{ role: string; tenants: string | null }>(
        "select current_user as role, current_setting('app.tenant_ids', true) as tenants",
      );
      expect(rows[0]?.role).not.toBe('patchbay_app');
      expect(rows[0]?.tenants ?? '').toBe('');
      // After a refused batch the one connection is replaced, and the next call works.
      await expect(executeInTenantsScope(pool, [A], insert([run(B)]))).rejects.toThrow();
      const again = run(A);
      await executeInTenantsScope(pool, [A], insert([again]));
      expect(await stored([again.id])).toEqual([again.id]);
    } finally {
      await pool.end();
    }
  });

  it('refuses a malformed tenant id before any SQL', async () => {
    await expect(executeInTenantsScope(t.pool, ["x'; drop table runs; --"], insert([run(A)]))).rejects.toBeInstanceOf(ScopeError);
  });
});

describe('queryInTenantsScope', () => {
  const byTenant = {
    sql: 'select tenant_id::text as tenant from runs where tenant_id = any($1::uuid[]) order by tenant_id',
    parameters: [[A, B]] as unknown[],
    name: 'test_runs_of_tenants',
  };

  it('returns only the rows of the tenants in scope, with a named statement parsed once per connection', async () => {
    const pool = createPool(t.url, 1);
    try {
      await executeInTenantsScope(pool, [A, B], insert([run(A), run(B)]));
      for (let i = 0; i < 3; i++) {
        const onlyA = await queryInTenantsScope<{ tenant: string }>(pool, [A], byTenant);
        expect(new Set(onlyA.map((r) => r.tenant))).toEqual(new Set([A]));
        const both = await queryInTenantsScope<{ tenant: string }>(pool, [A, B], byTenant);
        expect(new Set(both.map((r) => r.tenant))).toEqual(new Set([A, B]));
      }
      // The one pooled connection holds the scope and the named statement, each prepared once.
      const { rows } = await pool.query<{ name: string }>('select name from pg_prepared_statements order by name');
      expect(rows.map((r) => r.name)).toEqual(['patchbay_tenants_scope', 'test_runs_of_tenants']);
    } finally {
      await pool.end();
    }
  });

  it('after a failed pipeline the connection is replaced, and named statements are prepared again on the new one', async () => {
    const pool = createPool(t.url, 1);
    try {
      await queryInTenantsScope(pool, [A], byTenant);
      const before = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
      await expect(
        queryInTenantsScope(pool, [A], { ...byTenant, name: 'test_broken', sql: 'select 1/0 where $1::uuid[] is not null' }),
      ).rejects.toThrow(/division by zero/);
      const after = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
      expect(after.rows[0]?.pid).not.toBe(before.rows[0]?.pid);
      const rows = await queryInTenantsScope<{ tenant: string }>(pool, [A], byTenant);
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });
});
