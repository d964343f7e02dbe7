/**
 * @module Claiming a queued run and holding it. A claim is a conditional update that bumps the
 * attempt and sets a lease; the heartbeat extends the lease only while the row still carries
 * that attempt, so a worker that lost its lease learns it at its next beat.
 */
import { withTenant } from '@patchbay/db';
import { sql } from 'kysely';
import type { RunJob } from './jobs.ts';
import type { QueueDeps } from './types.ts';

export interface Claimed {
  attempt: number;
  maxAttempts: number;
  connectionId: string;
  connectorId: string;
  action: string;
  input: unknown;
  idempotencyKey: string | null;
  startedAt: Date;
}

/** The run, now `running` under this attempt; undefined when it is not queued (done, cancelled, taken). */
export async function claimRun(deps: QueueDeps, job: RunJob): Promise<Claimed | undefined> {
  const row = await withTenant(deps.db, job.tenantId, (tx) =>
    tx
      .updateTable('runs')
      .set({
        status: 'running',
        attempt: sql`attempt + 1`,
        lease_until: new Date(Date.now() + deps.leaseMs),
        started_at: sql`coalesce(started_at, now())`,
      })
      .where('id', '=', job.runId)
      .where('status', '=', 'queued')
      .where('cancel_requested_at', 'is', null)
      .returning(['attempt', 'max_attempts', 'connection_id', 'connector_id', 'action', 'input', 'idempotency_key', 'started_at'])
      .executeTakeFirst(),
  );
  if (!row) return undefined;
  return {
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    connectionId: row.connection_id,
    connectorId: row.connector_id,
    action: row.action,
    input: row.input,
    idempotencyKey: row.idempotency_key,
    startedAt: row.started_at ?? new Date(),
  };
}

/** Extends the lease if this attempt still owns the run; says whether to go on, and whether cancel was asked. */
export async function heartbeat(deps: QueueDeps, job: RunJob, attempt: number): Promise<{ owned: boolean; cancelRequested: boolean }> {
  const row = await withTenant(deps.db, job.tenantId, (tx) =>
    tx
      .updateTable('runs')
      .set({ lease_until: new Date(Date.now() + deps.leaseMs) })
      .where('id', '=', job.runId)
      .where('attempt', '=', attempt)
      .where('status', '=', 'running')
      .returning(['cancel_requested_at'])
      .executeTakeFirst(),
  );
  return { owned: row !== undefined, cancelRequested: row?.cancel_requested_at != null };
}
