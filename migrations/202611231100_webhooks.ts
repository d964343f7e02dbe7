import { type Kysely, sql } from 'kysely';

/**
 * Outbound events: a tenant's webhook endpoints. Each has a signing secret (sealed; shown once
 * at creation) and the event types it wants. Deliveries ride on the job queue, which retries
 * them with backoff; the endpoint keeps its last delivery outcome for the dashboard.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_endpoints (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      url text not null,
      secret_sealed text not null,
      events text[] not null,
      created_by text,
      created_at timestamptz not null default now(),
      last_delivery_at timestamptz,
      last_delivery_status integer,
      last_delivery_error text,
      primary key (tenant_id, id)
    )`.execute(db);
  const tenantCondition = sql.raw(`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`);
  await sql`alter table webhook_endpoints enable row level security`.execute(db);
  await sql`alter table webhook_endpoints force row level security`.execute(db);
  await sql`create policy tenant_isolation on webhook_endpoints to patchbay_app using (${tenantCondition}) with check (${tenantCondition})`.execute(
    db,
  );
  await sql`create policy system_all on webhook_endpoints to patchbay_system using (true) with check (true)`.execute(db);
  await sql`grant select, insert, update, delete on webhook_endpoints to patchbay_system`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists webhook_endpoints`.execute(db);
}
