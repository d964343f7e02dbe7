import { type Kysely, sql } from 'kysely';

/**
 * Run records: one row per action call, sync or queued. Attempts live in the row as a JSON
 * array so a call costs as few writes as possible. `(tenant_id, idempotency_key)` is unique:
 * the row doubles as the idempotency reservation. `attempt` fences completions: a worker may
 * finish a run only while the row still carries the attempt it claimed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table runs (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      connection_id uuid not null,
      connector_id text not null,
      action text not null,
      connector_version text not null,
      mode text not null check (mode in ('sync', 'async')),
      status text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled')),
      idempotency_key text,
      input_hash text not null,
      input jsonb,
      output jsonb,
      error jsonb,
      attempts jsonb not null default '[]',
      attempt integer not null default 0,
      max_attempts integer not null default 1,
      lease_until timestamptz,
      cancel_requested_at timestamptz,
      created_by text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      duration_ms integer,
      primary key (tenant_id, id)
    )`.execute(db);
  await sql`create unique index runs_idempotency_key on runs (tenant_id, idempotency_key) where idempotency_key is not null`.execute(db);
  await sql`create index runs_recent_idx on runs (tenant_id, created_at desc, id desc)`.execute(db);
  await sql`create index runs_lease_idx on runs (lease_until) where status = 'running'`.execute(db);

  const tenantCondition = sql.raw(`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`);
  await sql`alter table runs enable row level security`.execute(db);
  await sql`alter table runs force row level security`.execute(db);
  await sql`create policy tenant_isolation on runs to patchbay_app using (${tenantCondition}) with check (${tenantCondition})`.execute(db);
  await sql`create policy system_all on runs to patchbay_system using (true) with check (true)`.execute(db);
  await sql`grant select, insert, update, delete on runs to patchbay_system`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists runs`.execute(db);
}
