import { type Kysely, sql } from 'kysely';

/**
 * Batched hot-path work (loading connections, writing run records) handles several tenants'
 * requests in one transaction. For `connections` and `runs` only, the tenant policy also accepts
 * `app.tenant_ids`, the set of tenants whose authenticated requests are in the batch: the
 * backstop still refuses every row of every other tenant. Other tables keep the single-tenant
 * policy, so a batch scope sees nothing of them.
 */
const SINGLE = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;
const BATCH = `${SINGLE} or tenant_id = any (coalesce(nullif(current_setting('app.tenant_ids', true), ''), '{}')::uuid[])`;

async function setPolicy(db: Kysely<unknown>, table: string, condition: string): Promise<void> {
  const t = sql.table(table);
  await sql`drop policy tenant_isolation on ${t}`.execute(db);
  await sql`create policy tenant_isolation on ${t} to patchbay_app using (${sql.raw(condition)}) with check (${sql.raw(condition)})`.execute(
    db,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['connections', 'runs']) await setPolicy(db, table, BATCH);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['connections', 'runs']) await setPolicy(db, table, SINGLE);
}
