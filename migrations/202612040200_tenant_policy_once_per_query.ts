import { type Kysely, sql } from 'kysely';

/**
 * The batch-scope policy on `runs` and `connections` (202611231200) called `current_setting`
 * and parsed `app.tenant_ids` into a uuid[] for every row it looked at: a stable function is not
 * cached across rows, and the OR kept the planner off the `(tenant_id, ...)` indexes, so a
 * tenant's `runs.list` page read every tenant's runs. The same condition with each setting read in
 * a scalar subquery is evaluated once per statement (an InitPlan); which rows pass is unchanged.
 * With 100k runs in one tenant (bench S13), `runs.list` of one page went from a 200 ms parallel
 * seq scan to a 0.1 ms index scan (with its own tenant filter), and the 30-day `runs.stats`
 * scan lost its per-row setting lookups.
 */
const OLD_SINGLE = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;
const OLD = `${OLD_SINGLE} or tenant_id = any (coalesce(nullif(current_setting('app.tenant_ids', true), ''), '{}')::uuid[])`;
const ONCE = `tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)
  or tenant_id = any ((select coalesce(nullif(current_setting('app.tenant_ids', true), ''), '{}')::uuid[])::uuid[])`;

async function setPolicy(db: Kysely<unknown>, table: string, condition: string): Promise<void> {
  const t = sql.table(table);
  await sql`drop policy tenant_isolation on ${t}`.execute(db);
  await sql`create policy tenant_isolation on ${t} to patchbay_app using (${sql.raw(condition)}) with check (${sql.raw(condition)})`.execute(
    db,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['connections', 'runs']) await setPolicy(db, table, ONCE);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['connections', 'runs']) await setPolicy(db, table, OLD);
}
