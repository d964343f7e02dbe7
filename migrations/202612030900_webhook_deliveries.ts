import { type Kysely, sql } from 'kysely';

/**
 * Outbound webhook deliveries (issue 16): one row per (endpoint, event), written by the worker at
 * each attempt, so a tenant admin sees what was sent, what the endpoint answered and how many
 * tries it took, and can send one again (same event id, so receivers can de-duplicate). The
 * event itself is kept for redelivery; rows are pruned with runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_deliveries (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      endpoint_id uuid not null,
      event_id text not null,
      event_type text not null,
      event jsonb not null,
      status text not null check (status in ('delivered', 'failed')),
      attempts integer not null default 1,
      response_status integer,
      error text,
      duration_ms integer,
      created_at timestamptz not null default now(),
      last_attempt_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, endpoint_id, event_id),
      foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index webhook_deliveries_recent_idx on webhook_deliveries (tenant_id, created_at desc, id desc)`.execute(db);
  await sql`create index webhook_deliveries_age_idx on webhook_deliveries (last_attempt_at)`.execute(db);
  const tenantCondition = sql.raw(`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`);
  await sql`alter table webhook_deliveries enable row level security`.execute(db);
  await sql`alter table webhook_deliveries force row level security`.execute(db);
  await sql`create policy tenant_isolation on webhook_deliveries to patchbay_app using (${tenantCondition}) with check (${tenantCondition})`.execute(
    db,
  );
  // The retention job prunes old deliveries across tenants.
  await sql`create policy system_prune on webhook_deliveries for all to patchbay_system using (true)`.execute(db);
  await sql`grant select, delete on webhook_deliveries to patchbay_system`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists webhook_deliveries`.execute(db);
}
