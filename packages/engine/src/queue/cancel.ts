import { type Database, withTenant } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { EngineError } from '../engine-error.ts';

/** Cancels a queued run at once; asks a running one to stop (its worker sees it at the next heartbeat). */
export async function cancelRun(db: Kysely<Database>, tenantId: string, runId: string): Promise<{ id: string; status: string }> {
  return withTenant(db, tenantId, async (tx) => {
    const run = await tx.selectFrom('runs').select(['status']).where('id', '=', runId).forUpdate().executeTakeFirst();
    if (!run) throw new EngineError('RUN_NOT_FOUND', 'Run not found');
    if (run.status === 'queued') {
      await tx
        .updateTable('runs')
        .set({
          status: 'cancelled',
          finished_at: new Date(),
          error: JSON.stringify({ code: 'CANCELLED', message: 'Cancelled before it ran' }),
        })
        .where('id', '=', runId)
        .execute();
      return { id: runId, status: 'cancelled' };
    }
    if (run.status === 'running') {
      await tx.updateTable('runs').set({ cancel_requested_at: new Date() }).where('id', '=', runId).execute();
      return { id: runId, status: 'cancelling' };
    }
    throw new EngineError('RUN_STATE', `The run is already ${run.status}`);
  });
}
