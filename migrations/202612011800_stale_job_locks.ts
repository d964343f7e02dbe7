import { type Kysely, sql } from 'kysely';

/**
 * A queued run's job locked by a worker that died (its runner ended in a database outage, or the
 * process was killed) stays locked for graphile-worker's four hours. The sweeper must not count
 * such a job as pending: a `queued` run is claimed in the first moment of its job, so a job locked
 * for 30 seconds while its run is still queued is an orphan. Re-adding the job key then makes
 * graphile-worker clear the key of the locked job and insert a new one; the old job, if it ever
 * runs, finds the run claimed and ends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function patchbay_run_job_pending(run uuid) returns boolean
    language plpgsql stable security definer set search_path = pg_catalog, pg_temp
    as $$
    begin
      return exists (
        select 1 from graphile_worker.jobs j
        where j.key = 'run:' || run::text
          and (j.locked_at is null and j.attempts < j.max_attempts or j.locked_at > now() - interval '30 seconds')
      );
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function patchbay_run_job_pending(run uuid) returns boolean
    language plpgsql stable security definer set search_path = pg_catalog, pg_temp
    as $$
    begin
      return exists (
        select 1 from graphile_worker.jobs j
        where j.key = 'run:' || run::text and (j.locked_at is not null or j.attempts < j.max_attempts)
      );
    end
    $$`.execute(db);
}
