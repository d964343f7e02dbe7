import type { Database } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';
import type { RunJob } from './jobs.ts';

/**
 * Adds the run's job inside the caller's transaction (tenant or system scope), so the run's
 * status change and its job commit or roll back together. Re-adding keeps a waiting job's time.
 */
export async function queueRunJob(tx: Kysely<Database>, tenantId: string, runId: string, runAt?: Date): Promise<void> {
  await sql`select patchbay_queue_run(${tenantId}::uuid, ${runId}::uuid, ${runAt ?? null}::timestamptz)`.execute(tx);
}

/** The same for many runs in one round trip (the reaper and the sweeper, as `patchbay_system`). */
export async function queueRunJobs(tx: Kysely<Database>, jobs: readonly RunJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const tenants = jobs.map((job) => job.tenantId);
  const runs = jobs.map((job) => job.runId);
  await sql`select patchbay_queue_run(t, r) from unnest(${tenants}::uuid[], ${runs}::uuid[]) as x(t, r)`.execute(tx);
}
