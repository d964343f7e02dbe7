/**
 * @module `runs.cancel` for every kind of run: a keyed synchronous call running in this process
 * is aborted; one running elsewhere cannot be reached and gets RUN_STATE saying so; queued and
 * worker-run (async) runs go to the queue's own cancel.
 */
import { type Database, withTenant } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { EngineError } from '../engine-error.ts';
import { cancelRun as cancelAsyncRun } from '../queue/cancel.ts';
import type { SyncCalls } from './sync-calls.ts';

export async function cancelRun(
  deps: { db: Kysely<Database>; syncCalls: SyncCalls },
  tenantId: string,
  runId: string,
): Promise<{ id: string; status: string }> {
  if (deps.syncCalls.cancel(tenantId, runId)) return { id: runId, status: 'cancelling' };
  const run = await withTenant(deps.db, tenantId, (tx) =>
    tx.selectFrom('runs').select(['mode', 'status']).where('id', '=', runId).executeTakeFirst(),
  );
  if (run?.mode !== 'sync') return cancelAsyncRun(deps.db, tenantId, runId);
  if (run.status === 'running') {
    throw new EngineError(
      'RUN_STATE',
      'This synchronous run is executing in another server process, which cannot be reached from here; it ends within its action timeout',
    );
  }
  throw new EngineError('RUN_STATE', `The run is already ${run.status}`);
}
