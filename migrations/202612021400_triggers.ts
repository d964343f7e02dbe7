import { type Kysely, sql } from 'kysely';

/**
 * Inbound events (issue 17). A trigger subscription ties one connection to one connector trigger:
 * its signing secret (vault-sealed), the tenant's config, the state its provider-side `subscribe`
 * returned (a GitHub hook id) and, for polling triggers, a cursor. Each received event is stored
 * once: `(tenant_id, subscription_id, provider_event_id)` is unique, so a provider's retries of
 * one event are no-ops.
 *
 * The receiving route `POST /hooks/<subscription id>` knows no tenant: `patchbay_system` may read
 * subscriptions to find it (and update them, for key rotation of the sealed secret), never insert
 * or delete; everything after runs in the tenant's scope.
 * `patchbay_queue_webhook` adds an outbound delivery job inside the transaction that stored the
 * event, so an event is never stored without its deliveries queued (nor queued twice).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table trigger_subscriptions (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      connection_id uuid not null,
      connector_id text not null,
      trigger text not null,
      config jsonb not null default '{}',
      state jsonb not null default '{}',
      secret_sealed text not null,
      cursor text,
      status text not null default 'active' check (status in ('active', 'failed')),
      last_error text,
      last_event_at timestamptz,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, connection_id) references connections (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index trigger_subscriptions_connection_idx on trigger_subscriptions (tenant_id, connection_id)`.execute(db);
  await sql`create unique index trigger_subscriptions_id_idx on trigger_subscriptions (id)`.execute(db);
  await sql`
    create table trigger_events (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      subscription_id uuid not null,
      connection_id uuid not null,
      provider_event_id text not null,
      provider_account_id text,
      event_type text not null,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, subscription_id, provider_event_id),
      foreign key (tenant_id, subscription_id) references trigger_subscriptions (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index trigger_events_recent_idx on trigger_events (tenant_id, created_at desc, id desc)`.execute(db);
  // The retention job finds old events across tenants by age.
  await sql`create index trigger_events_age_idx on trigger_events (created_at)`.execute(db);

  const tenantCondition = sql.raw(`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`);
  for (const table of ['trigger_subscriptions', 'trigger_events']) {
    const t = sql.raw(table);
    await sql`alter table ${t} enable row level security`.execute(db);
    await sql`alter table ${t} force row level security`.execute(db);
    await sql`create policy tenant_isolation on ${t} to patchbay_app using (${tenantCondition}) with check (${tenantCondition})`.execute(
      db,
    );
  }
  await sql`create policy system_all on trigger_subscriptions to patchbay_system using (true) with check (true)`.execute(db);
  await sql`grant select, update on trigger_subscriptions to patchbay_system`.execute(db);
  // The retention job prunes old events across tenants.
  await sql`create policy system_prune on trigger_events for all to patchbay_system using (true)`.execute(db);
  await sql`grant select, delete on trigger_events to patchbay_system`.execute(db);

  await sql`
    create function patchbay_queue_webhook(tenant uuid, endpoint uuid, event jsonb) returns void
    language plpgsql volatile security definer set search_path = pg_catalog, pg_temp
    as $$
    begin
      perform graphile_worker.add_job(
        'patchbay_webhook',
        json_build_object('tenantId', tenant, 'endpointId', endpoint, 'event', event),
        max_attempts => 12,
        job_key => 'webhook:' || endpoint::text || ':' || (event ->> 'id')
      );
    end
    $$`.execute(db);
  await sql`revoke all on function patchbay_queue_webhook(uuid, uuid, jsonb) from public`.execute(db);
  await sql`grant execute on function patchbay_queue_webhook(uuid, uuid, jsonb) to patchbay_app`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists patchbay_queue_webhook(uuid, uuid, jsonb)`.execute(db);
  await sql`drop table if exists trigger_events`.execute(db);
  await sql`drop table if exists trigger_subscriptions`.execute(db);
}
