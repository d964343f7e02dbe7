import { type Kysely, sql } from 'kysely';

/**
 * A run row and its Graphile Worker job are written in one transaction. Tenant work runs as
 * `patchbay_app` and system work as `patchbay_system`; neither may touch the `graphile_worker`
 * schema, so these SECURITY DEFINER functions (owned by the migrating user, who also owns that
 * schema) are the only door, and each does one fixed thing:
 *
 * - `patchbay_queue_run(tenant, run, run_at)` adds the `patchbay_run` job keyed `run:<id>`, with
 *   retries (a handler that hits a database blip throws and graphile-worker backs off), in
 *   `preserve_run_at` mode so re-adding never postpones or advances a job that is already waiting.
 *   The job only wakes a worker, which claims the run under the tenant's row-level security.
 * - `patchbay_run_job_pending(run)` says whether that job exists and will still run, for the
 *   sweeper that re-queues `queued` runs left without one.
 * - `patchbay_prune_accounts()` deletes expired sessions and sign-in failures far older than any
 *   throttle window, for the retention job; `patchbay_system` gets no other access to those tables.
 *
 * The bodies are PL/pgSQL so they bind `graphile_worker` at call time: its schema is installed by
 * graphile-worker's own migrator, which the engine runs before the first enqueue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function patchbay_queue_run(tenant uuid, run uuid, run_at timestamptz default null) returns void
    language plpgsql volatile security definer set search_path = pg_catalog, pg_temp
    as $$
    begin
      perform graphile_worker.add_job(
        'patchbay_run',
        json_build_object('tenantId', tenant, 'runId', run),
        run_at => coalesce(run_at, now()),
        max_attempts => 8,
        job_key => 'run:' || run::text,
        job_key_mode => 'preserve_run_at'
      );
    end
    $$`.execute(db);
  await sql`
    create function patchbay_run_job_pending(run uuid) returns boolean
    language plpgsql stable security definer set search_path = pg_catalog, pg_temp
    as $$
    begin
      return exists (
        select 1 from graphile_worker.jobs j
        where j.key = 'run:' || run::text and (j.locked_at is not null or j.attempts < j.max_attempts)
      );
    end
    $$`.execute(db);
  await sql`
    create function patchbay_prune_accounts(out pruned_sessions bigint, out pruned_sign_in_failures bigint)
    language plpgsql volatile security definer set search_path = pg_catalog, pg_temp
    as $$
    begin
      delete from public.sessions s where s.expires_at < now();
      get diagnostics pruned_sessions = row_count;
      delete from public.sign_in_failures f where f.failed_at < now() - interval '1 day';
      get diagnostics pruned_sign_in_failures = row_count;
    end
    $$`.execute(db);
  for (const fn of ['patchbay_queue_run(uuid, uuid, timestamptz)', 'patchbay_run_job_pending(uuid)', 'patchbay_prune_accounts()']) {
    await sql`revoke all on function ${sql.raw(fn)} from public`.execute(db);
  }
  await sql`grant execute on function patchbay_queue_run(uuid, uuid, timestamptz) to patchbay_app, patchbay_system`.execute(db);
  await sql`grant execute on function patchbay_run_job_pending(uuid) to patchbay_system`.execute(db);
  await sql`grant execute on function patchbay_prune_accounts() to patchbay_system`.execute(db);
  // The sweeper looks for queued runs by age; the retention job for finished runs by age.
  await sql`create index runs_queued_idx on runs (created_at) where status = 'queued'`.execute(db);
  await sql`create index runs_finished_idx on runs (finished_at) where finished_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists runs_finished_idx`.execute(db);
  await sql`drop index if exists runs_queued_idx`.execute(db);
  await sql`drop function if exists patchbay_prune_accounts()`.execute(db);
  await sql`drop function if exists patchbay_run_job_pending(uuid)`.execute(db);
  await sql`drop function if exists patchbay_queue_run(uuid, uuid, timestamptz)`.execute(db);
}
