/**
 * @module The sweeper: a `queued` run whose job is gone (written by an older version that added
 * jobs after commit, or whose job used up its retries while the database was down) gets its job
 * back. Runs across tenants as `patchbay_system`; `patchbay_run_job_pending` is its only view
 * into graphile-worker's tables.
 */
import { withSystem } from '@patchbay/db';
import { sql } from 'kysely';
import { queueRunJobs } from './queue-run.ts';
import type { QueueDeps } from './types.ts';

export interface SweepOptions {
  /** Only runs queued at least this long ago (default 60 s): a younger one is still settling. */
  graceMs?: number;
  /** Runs re-queued per sweep at most (default 500); the next sweep takes the rest. */
  limit?: number;
}

export async function sweepQueuedRuns(deps: Pick<QueueDeps, 'db' | 'queue'>, options: SweepOptions = {}): Promise<{ requeued: number }> {
  await deps.queue?.ready();
  const graceMs = options.graceMs ?? 60_000;
  const limit = options.limit ?? 500;
  const requeued = await withSystem(deps.db, async (tx) => {
    const { rows } = await sql<{ tenant_id: string; id: string }>`
      select tenant_id, id from runs
      where status = 'queued' and created_at < now() - make_interval(secs => ${graceMs / 1000})
        and not patchbay_run_job_pending(id)
      order by created_at
      limit ${limit}
      for update skip locked`.execute(tx);
    await queueRunJobs(
      tx,
      rows.map((run) => ({ tenantId: run.tenant_id, runId: run.id })),
    );
    return rows.length;
  });
  return { requeued };
}
