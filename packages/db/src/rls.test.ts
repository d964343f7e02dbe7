import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem, withTenant, withTenants, withUser } from './scope.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
const A = randomUUID();
const B = randomUUID();
const userA = randomUUID();
const userB = randomUUID();

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db
    .insertInto('users')
    .values([
      { id: userA, email: 'a@example.com', password_hash: 'x' },
      { id: userB, email: 'b@example.com', password_hash: 'x' },
    ])
    .execute();
  for (const [tenant, prefix, user] of [
    [A, 'aaaaaaaaaaaaaaaa', userA],
    [B, 'bbbbbbbbbbbbbbbb', userB],
  ] as const) {
    // Inside the tenant's scope: with a non-superuser owner (managed Postgres) FORCE RLS binds the
    // owner too, so seeding outside a scope would be refused.
    await withTenant(t.db, tenant, async (tx) => {
      await tx
        .insertInto('organizations')
        .values({ id: tenant, name: tenant === A ? 'A' : 'B' })
        .execute();
      await tx.insertInto('memberships').values({ tenant_id: tenant, user_id: user, role: 'owner' }).execute();
      await tx.insertInto('api_keys').values({ tenant_id: tenant, name: 'k', prefix, secret_hash: 'h' }).execute();
      await tx
        .insertInto('invitations')
        .values({ tenant_id: tenant, email: `${prefix}@example.com`, role: 'member' })
        .execute();
      await tx.insertInto('audit_log').values({ tenant_id: tenant, actor_type: 'system', action: 'seed', target: tenant }).execute();
      const hashed = `${prefix}-hash`;
      await tx
        .insertInto('oauth_apps')
        .values({ tenant_id: tenant, connector_id: 'acme', client_id: 'c', client_secret_sealed: 'v1.k.n.b.t' })
        .execute();
      await tx
        .insertInto('connect_sessions')
        .values({ tenant_id: tenant, token_hash: hashed, connector_id: 'acme', return_to: 'https://app.test/', expires_at: new Date() })
        .execute();
      await tx
        .insertInto('oauth_flows')
        .values({
          tenant_id: tenant,
          state_hash: hashed,
          connector_id: 'acme',
          redirect_uri: 'https://p.test/oauth/callback',
          return_to: 'https://app.test/',
          expires_at: new Date(),
        })
        .execute();
      const connection = await tx
        .insertInto('connections')
        .values({ tenant_id: tenant, connector_id: 'acme', auth_kind: 'apiKey', metadata: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const endpoint = await tx
        .insertInto('webhook_endpoints')
        .values({ tenant_id: tenant, url: 'https://hooks.test/', secret_sealed: 'v1.k.n.b.t', events: ['run.failed'] })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('webhook_deliveries')
        .values({
          tenant_id: tenant,
          endpoint_id: endpoint.id,
          event_id: 'evt_1',
          event_type: 'run.failed',
          event: '{}',
          status: 'delivered',
          response_status: 204,
          error: null,
          duration_ms: 5,
        })
        .execute();
      await tx
        .insertInto('runs')
        .values({
          tenant_id: tenant,
          connection_id: connection.id,
          connector_id: 'acme',
          action: 'ping',
          connector_version: '1.0.0',
          mode: 'sync',
          status: 'succeeded',
          input_hash: 'h',
        })
        .execute();
      const subscription = await tx
        .insertInto('trigger_subscriptions')
        .values({ tenant_id: tenant, connection_id: connection.id, connector_id: 'acme', trigger: 't', secret_sealed: 'v1.k.n.b.t' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('trigger_events')
        .values({
          tenant_id: tenant,
          subscription_id: subscription.id,
          connection_id: connection.id,
          provider_event_id: 'e1',
          event_type: 't',
          payload: '{}',
        })
        .execute();
    });
  }
});
afterAll(() => t.destroy());

async function tenantTables(): Promise<string[]> {
  const { rows } = await sql<{ table: string }>`
    select c.relname as table from pg_attribute a join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where a.attname = 'tenant_id' and c.relkind = 'r' and n.nspname = 'public' and not a.attisdropped order by 1`.execute(t.db);
  return rows.map((r) => r.table);
}

describe('row-level security, the backstop', () => {
  it('covers every table with a tenant_id column (and organizations): enabled, forced, with a policy', async () => {
    const tables = [...(await tenantTables()), 'organizations'];
    expect(tables).toEqual(expect.arrayContaining(['api_keys', 'audit_log', 'invitations', 'memberships', 'organizations']));
    const { rows } = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity, (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = any(${tables})`.execute(t.db);
    expect(rows).toHaveLength(tables.length);
    for (const row of rows)
      expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true, policies: expect.any(Number) });
    for (const row of rows) expect(row.policies, row.relname).toBeGreaterThan(0);
  });

  it('runs tenant work as roles that are neither superuser nor bypass RLS nor own the tables', async () => {
    const { rows } = await sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>`
      select rolname, rolsuper, rolbypassrls from pg_roles where rolname in ('patchbay_app', 'patchbay_auth') order by 1`.execute(t.db);
    expect(rows).toEqual([
      { rolname: 'patchbay_app', rolsuper: false, rolbypassrls: false },
      { rolname: 'patchbay_auth', rolsuper: false, rolbypassrls: false },
    ]);
    const current = await withTenant(t.db, A, (tx) => sql<{ who: string }>`select current_user as who`.execute(tx));
    expect(current.rows[0]?.who).toBe('patchbay_app');
    const owners = await sql<{
      owner: string;
    }>`select distinct pg_get_userbyid(relowner) as owner from pg_class where relname = any(${await tenantTables()})`.execute(t.db);
    expect(owners.rows.map((r) => r.owner)).not.toContain('patchbay_app');
  });

  it("shows a tenant's transaction none of the other tenant's rows, even with no predicate", async () => {
    for (const table of [...(await tenantTables()), 'organizations']) {
      const column = table === 'organizations' ? 'id' : 'tenant_id';
      const seen = await withTenant(t.db, A, (tx) =>
        sql<{ owner: string }>`select ${sql.ref(column)}::text as owner from ${sql.table(table)}`.execute(tx),
      );
      expect(seen.rows.length, table).toBeGreaterThan(0);
      expect(new Set(seen.rows.map((r) => r.owner)), table).toEqual(new Set([A]));
    }
  });

  it("refuses to write another tenant's tenant_id", async () => {
    await expect(
      withTenant(t.db, A, (tx) =>
        tx.insertInto('api_keys').values({ tenant_id: B, name: 'x', prefix: 'cccccccccccccccc', secret_hash: 'h' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(withTenant(t.db, A, (tx) => tx.updateTable('api_keys').set({ tenant_id: B }).execute())).rejects.toThrow(
      /row-level security/,
    );
    const moved = await withTenant(t.db, A, (tx) => tx.deleteFrom('memberships').where('tenant_id', '=', B).execute());
    expect(Number(moved[0]?.numDeletedRows)).toBe(0);
  });

  it('shows nothing at all when no tenant is set', async () => {
    const seen = await withUser(t.db, randomUUID(), (tx) => tx.selectFrom('api_keys').select('id').execute());
    expect(seen).toEqual([]);
  });

  it('lets a user scope see only their own memberships and organizations', async () => {
    const orgs = await withUser(t.db, userA, (tx) => tx.selectFrom('organizations').select('id').execute());
    expect(orgs.map((o) => o.id)).toEqual([A]);
  });

  it("hides other tenants' users and credentials from tenant work", async () => {
    const users = await withTenant(t.db, A, (tx) => tx.selectFrom('users').select(['id', 'email']).execute());
    expect(users.map((u) => u.id)).toEqual([userA]);
    await expect(withTenant(t.db, A, (tx) => sql`select password_hash from users`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(withTenant(t.db, A, (tx) => sql`select * from sessions`.execute(tx))).rejects.toThrow(/permission denied/);
  });

  it('a batch scope (withTenants) sees the connections and runs of exactly its tenants, and no other table', async () => {
    const C = randomUUID();
    await withTenant(t.db, C, async (tx) => {
      await tx.insertInto('organizations').values({ id: C, name: 'C' }).execute();
      await tx.insertInto('connections').values({ tenant_id: C, connector_id: 'acme', auth_kind: 'apiKey', metadata: '{}' }).execute();
    });
    const seen = await withTenants(t.db, [A, B], (tx) => tx.selectFrom('connections').select('tenant_id').execute());
    expect(new Set(seen.map((r) => r.tenant_id))).toEqual(new Set([A, B]));
    const runs = await withTenants(t.db, [B], (tx) => tx.selectFrom('runs').select('tenant_id').execute());
    expect(new Set(runs.map((r) => r.tenant_id))).toEqual(new Set([B]));
    expect(await withTenants(t.db, [A, B], (tx) => tx.selectFrom('api_keys').select('id').execute())).toEqual([]);
    await expect(
      withTenants(t.db, [A], (tx) =>
        tx
          .insertInto('runs')
          .values({
            tenant_id: C,
            connection_id: randomUUID(),
            connector_id: 'acme',
            action: 'x',
            connector_version: '1.0.0',
            mode: 'sync',
            status: 'succeeded',
            input_hash: 'h',
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(withTenants(t.db, ["x' or true --"], async () => 1)).rejects.toThrow(/not a uuid/);
  });

  it("lets patchbay_system see every tenant's connection-side rows and none of the account tables", async () => {
    const seen = await withSystem(t.db, (tx) => tx.selectFrom('connections').select('tenant_id').execute());
    expect([...new Set(seen.map((r) => r.tenant_id))]).toEqual(expect.arrayContaining([A, B]));
    await expect(withSystem(t.db, (tx) => sql`select * from users`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(withSystem(t.db, (tx) => sql`select * from api_keys`.execute(tx))).rejects.toThrow(/permission denied/);
    // The hook receiver finds a subscription's tenant this way; it may not make or drop subscriptions.
    const subscriptions = await withSystem(t.db, (tx) => tx.selectFrom('trigger_subscriptions').select('tenant_id').execute());
    expect(new Set(subscriptions.map((r) => r.tenant_id))).toEqual(new Set([A, B]));
    await expect(withSystem(t.db, (tx) => sql`delete from trigger_subscriptions`.execute(tx))).rejects.toThrow(/permission denied/);
  });
});
