import { type Kysely, sql } from 'kysely';

/**
 * Polling triggers: each subscription has at most one `patchbay_poll` job (keyed `poll:<id>`),
 * which graphile-worker's lock makes its lease. The poll's interval (the connector's proposal, or
 * a longer one the tenant chose) and its run of failures (for backoff) live on the subscription.
 * `patchbay_queue_poll` adds or moves the job inside the caller's transaction, so the cursor, the
 * events and the next poll commit together.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table trigger_subscriptions add column poll_interval_ms integer, add column consecutive_failures integer not null default 0`.execute(
    db,
  );
  await sql`
    create function patchbay_queue_poll(tenant uuid, subscription uuid, run_at timestamptz) returns void
    language plpgsql volatile security definer set search_path = pg_catalog, pg_temp
    as $$
    begin
      perform graphile_worker.add_job(
        'patchbay_poll',
        json_build_object('tenantId', tenant, 'subscriptionId', subscription),
        run_at => run_at,
        max_attempts => 3,
        job_key => 'poll:' || subscription::text,
        job_key_mode => 'replace'
      );
    end
    $$`.execute(db);
  await sql`revoke all on function patchbay_queue_poll(uuid, uuid, timestamptz) from public`.execute(db);
  await sql`grant execute on function patchbay_queue_poll(uuid, uuid, timestamptz) to patchbay_app`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists patchbay_queue_poll(uuid, uuid, timestamptz)`.execute(db);
  await sql`alter table trigger_subscriptions drop column poll_interval_ms, drop column consecutive_failures`.execute(db);
}
