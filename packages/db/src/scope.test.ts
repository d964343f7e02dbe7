import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely, createPool } from './connect.ts';
import type { Database } from './schema.ts';
import { ScopeError, withSystemThenTenant, withTenant } from './scope.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
const tenant = randomUUID();
// A login role that may not become patchbay_app, so a scope's `set role` fails mid-setup.
const outsider = `scope_outsider_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('hex');

beforeAll(async () => {
  t = await createTestDatabase();
  await sql.raw(`create role ${outsider} login password '${password}'`).execute(t.db);
  await sql.raw(`grant connect on database ${t.name} to ${outsider}`).execute(t.db);
});
afterAll(async () => {
  await t.destroy();
  const admin = createKysely(createPool(t.adminUrl, 1));
  await sql.raw(`drop role if exists ${outsider}`).execute(admin);
  await admin.destroy();
});

const backendPid = async (db: Kysely<Database>) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;

describe('tenant scope', () => {
  it('a failed setup destroys its connection instead of pooling it inside an aborted transaction', async () => {
    const url = new URL(t.url);
    url.username = outsider;
    url.password = password;
    const db = createKysely(createPool(url.toString(), 1));
    try {
      const before = await backendPid(db);
      await expect(withTenant(db, tenant, async () => 'never')).rejects.toThrow(/permission denied|must be able to SET ROLE/);
      // With one connection in the pool, a pooled aborted one would fail this with 25P02.
      const after = await backendPid(db);
      expect(after).toBeTypeOf('number');
      expect(after).not.toBe(before);
    } finally {
      await db.destroy();
    }
  });

  it('a nested transaction inside a scope is refused, and the scope stays tenant-scoped after it', async () => {
    const seen = await withTenant(t.db, tenant, async (tx) => {
      // Code holding the scope as a plain Kysely (what the type hides) still cannot end it.
      const handle: Kysely<Database> = tx;
      expect(() => handle.transaction()).toThrow(ScopeError);
      expect(() => handle.startTransaction()).toThrow(ScopeError);
      expect(() => handle.connection()).toThrow(ScopeError);
      expect(() => handle.withSchema('public').transaction()).toThrow(ScopeError);
      expect(handle.isTransaction).toBe(true);
      return (
        await sql<{ role: string; tenant: string }>`select current_user as role, current_setting('app.tenant_id', true) as tenant`.execute(
          tx,
        )
      ).rows[0];
    });
    expect(seen).toEqual({ role: 'patchbay_app', tenant });
  });

  it('a scope whose work fails rolls back and leaves the pooled connection clean', async () => {
    await expect(
      withTenant(t.db, tenant, async (tx) => {
        await sql`select 1/0`.execute(tx);
      }),
    ).rejects.toThrow(/division by zero/);
    const status = await sql<{ role: string }>`select current_user as role`.execute(t.db);
    expect(status.rows[0]?.role).not.toBe('patchbay_app');
  });

  it('system-then-tenant finds a row as patchbay_system, then sees only that tenant for the rest', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    // Seeded inside each tenant's scope: as a managed database's non-superuser owner, FORCE RLS binds t.db too.
    for (const id of [a, b]) {
      await withTenant(t.db, id, async (tx) => {
        await tx.insertInto('organizations').values({ id, name: id }).execute();
        await tx.insertInto('connections').values({ tenant_id: id, connector_id: 'acme', auth_kind: 'apiKey', metadata: '{}' }).execute();
      });
    }
    const target = await withTenant(t.db, b, (tx) => tx.selectFrom('connections').select('id').executeTakeFirstOrThrow());
    const seen = await withSystemThenTenant(
      t.db,
      async (tx) => {
        // As system, both tenants' connections exist.
        const all = await tx.selectFrom('connections').select('tenant_id').where('tenant_id', 'in', [a, b]).execute();
        expect(new Set(all.map((r) => r.tenant_id))).toEqual(new Set([a, b]));
        const row = await tx.selectFrom('connections').select('tenant_id').where('id', '=', target.id).executeTakeFirst();
        return row ? { tenantId: row.tenant_id } : undefined;
      },
      async (tx) => {
        const role = (await sql<{ role: string }>`select current_user as role`.execute(tx)).rows[0]?.role;
        const tenants = await tx.selectFrom('connections').select('tenant_id').where('tenant_id', 'in', [a, b]).execute();
        return { role, tenants: tenants.map((r) => r.tenant_id) };
      },
    );
    expect(seen).toEqual({ role: 'patchbay_app', tenants: [b] });
    const none = await withSystemThenTenant(
      t.db,
      async () => undefined,
      async () => 'never',
    );
    expect(none).toBeUndefined();
  });
});
