/**
 * @module The lease reaper. A run whose lease expired lost its worker: an async run with attempts
 * left goes back to `queued` (with its job, in the same transaction), any other is `dead`. One
 * UPDATE decides both by Postgres's clock, so a lease that expires while the reaper runs is
 * judged once, never killed for lack of a second look.
 */
import { withSystem } from '@patchbay/db';
import { sql } from 'kysely';
import { queueRunJobs } from './queue-run.ts';
import type { QueueDeps } from './types.ts';

const REQUEUED_ERROR = JSON.stringify({ code: 'LEASE_EXPIRED', message: 'The worker stopped heartbeating' });
const DEAD_MESSAGE = 'The process running it stopped, and no attempts are left';
const DEAD_ERROR = JSON.stringify({ code: 'LEASE_EXPIRED', message: DEAD_MESSAGE });

interface Reaped {
  tenant_id: string;
  id: string;
  status: string;
  connection_id: string;
  connector_id: string;
  action: string;
  mode: string;
  attempt: number;
}

export async function reapExpiredLeases(deps: Pick<QueueDeps, 'db' | 'events' | 'queue'>): Promise<{ requeued: number; dead: number }> {
  await deps.queue?.ready();
  const reaped = await withSystem(deps.db, async (tx) => {
    const { rows } = await sql<Reaped>`
      update runs set
        status = case when mode = 'async' and attempt < max_attempts then 'queued' else 'dead' end,
        lease_until = null,
        finished_at = case when mode = 'async' and attempt < max_attempts then null else now() end,
        error = case when mode = 'async' and attempt < max_attempts then ${REQUEUED_ERROR}::jsonb else ${DEAD_ERROR}::jsonb end
      where status = 'running' and lease_until < now()
      returning tenant_id, id, status, connection_id, connector_id, action, mode, attempt`.execute(tx);
    await queueRunJobs(
      tx,
      rows.filter((run) => run.status === 'queued').map((run) => ({ tenantId: run.tenant_id, runId: run.id })),
    );
    return rows;
  });
  const dead = reaped.filter((run) => run.status === 'dead');
  for (const run of dead) {
    await deps.events?.emitQuietly(run.tenant_id, 'run.failed', {
      runId: run.id,
      connectionId: run.connection_id,
      connectorId: run.connector_id,
      action: run.action,
      mode: run.mode,
      attempt: run.attempt,
      status: 'dead',
      error: { code: 'LEASE_EXPIRED', message: DEAD_MESSAGE },
    });
  }
  return { requeued: reaped.length - dead.length, dead: dead.length };
}
