/** @module Writing an attempt's outcome, fenced by the attempt that claimed the run. */
import { type Database, type RunAttempt, withTenant } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';
import { storeSealedOutput } from '../runs/run-output.ts';
import { queueRunJob } from './queue-run.ts';

export type Completion = 'succeeded' | 'failed' | 'retrying' | 'cancelled' | 'fenced' | 'not_claimed';

/**
 * Writes an attempt's outcome, only if the run still carries that attempt. `queued` (a retry)
 * adds the run's next job, at `retryAt`, in the same transaction as the status change.
 */
export async function completeAttempt(
  db: Kysely<Database>,
  tenantId: string,
  runId: string,
  attempt: number,
  values: {
    status: 'succeeded' | 'failed' | 'cancelled' | 'queued';
    output?: string | null;
    error?: string | null;
    attempts: RunAttempt[];
    startedAt: Date;
    retryAt?: Date | undefined;
    /** The output sealed for idempotent replays (keyed runs). */
    outputSealed?: string | undefined;
    /** Frees the run's idempotency key: it failed where the provider cannot have acted. */
    releaseKey?: boolean | undefined;
  },
): Promise<boolean> {
  const finished = values.status === 'queued' ? null : new Date();
  return withTenant(db, tenantId, async (tx) => {
    const row = await tx
      .updateTable('runs')
      .set({
        status: values.status,
        output: values.output ?? null,
        error: values.error ?? null,
        attempts: sql`attempts || ${JSON.stringify(values.attempts)}::jsonb`,
        lease_until: null,
        finished_at: finished,
        duration_ms: finished ? finished.getTime() - values.startedAt.getTime() : null,
        ...(values.releaseKey ? { idempotency_key: null } : {}),
      })
      .where('id', '=', runId)
      .where('attempt', '=', attempt)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    if (row && values.status === 'queued') await queueRunJob(tx, tenantId, runId, values.retryAt);
    if (row && values.outputSealed !== undefined) await storeSealedOutput(tx, runId, values.outputSealed);
    return row !== undefined;
  });
}
