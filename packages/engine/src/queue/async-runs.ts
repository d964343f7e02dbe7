/**
 * @module Asynchronous runs. A run is claimed by a conditional update that bumps its attempt
 * and sets a lease; the worker heartbeats the lease while the action runs; completion is
 * written only where the row still carries the claimed attempt (fencing), so a worker that
 * lost its lease cannot overwrite the result of the attempt that replaced it. The reaper puts
 * runs whose lease expired back in the queue, or marks them dead after the last attempt.
 */
import { type Database, type RunAttempt, retryWhileUnavailable, withSystem, withTenant } from '@patchbay/db';
import { ConnectorError } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { EngineError } from '../engine-error.ts';
import { inputHash } from '../input-hash.ts';
import type { ConnectorRegistry } from '../registry.ts';
import { type CallRequest, requireAction } from '../runs/call-action.ts';
import { type PerformDeps, perform } from '../runs/perform.ts';
import { recordError, recordValue } from '../runs/run-record.ts';
import type { JobQueue } from './jobs.ts';

export interface QueueDeps extends PerformDeps {
  registry: ConnectorRegistry;
  queue: JobQueue | undefined;
  /** How long a claim holds without a heartbeat (default 30 s). */
  leaseMs: number;
}

/** A call to run later: the same fields as a synchronous call, and how many attempts it gets. */
export interface EnqueueRequest extends Omit<CallRequest, 'signal'> {
  maxAttempts?: number | undefined;
}

const RETRYABLE = new Set(['RATE_LIMITED', 'UPSTREAM', 'TIMEOUT']);

function requireQueue(deps: QueueDeps): JobQueue {
  if (!deps.queue) throw new Error('this engine has no job queue (pass pool to createEngine)');
  return deps.queue;
}

/** Records a queued run and wakes a worker. Same idempotency rules as synchronous calls. */
export async function enqueueRun(deps: QueueDeps, request: EnqueueRequest): Promise<{ runId: string; status: string; replayed: boolean }> {
  const connector = requireAction(deps.registry, request.connectorId, request.action);
  const queue = requireQueue(deps);
  // Validated now, so a bad input is an error for the caller rather than a failed run later.
  const parsed = connector.actions[request.action]?.input.safeParse(request.input);
  if (parsed && !parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new ConnectorError('INVALID_INPUT', `Invalid input${path ? ` at ${path}` : ''}: ${parsed.error.issues[0]?.message}`, { path });
  }
  const hash = inputHash(connector.id, request.action, request.input);
  const inserted = await withTenant(deps.db, request.tenantId, async (tx) => {
    const connection = await tx.selectFrom('connections').select('connector_id').where('id', '=', request.connectionId).executeTakeFirst();
    if (!connection) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
    if (connection.connector_id !== connector.id) {
      throw new EngineError('CONNECTION_MISMATCH', `Connection belongs to ${connection.connector_id}, not ${connector.id}`);
    }
    return tx
      .insertInto('runs')
      .values({
        tenant_id: request.tenantId,
        connection_id: request.connectionId,
        connector_id: connector.id,
        action: request.action,
        connector_version: connector.version,
        mode: 'async',
        status: 'queued',
        idempotency_key: request.idempotencyKey ?? null,
        input_hash: hash,
        input: recordValue(request.input, [], true),
        max_attempts: request.maxAttempts ?? 3,
        created_by: request.actor ?? null,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
      .returning(['id', 'status'])
      .executeTakeFirst();
  });
  if (!inserted) {
    const existing = await withTenant(deps.db, request.tenantId, (tx) =>
      tx
        .selectFrom('runs')
        .select(['id', 'status', 'input_hash'])
        .where('idempotency_key', '=', request.idempotencyKey ?? '')
        .executeTakeFirstOrThrow(),
    );
    if (existing.input_hash !== hash) throw new EngineError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used with a different input');
    return { runId: existing.id, status: existing.status, replayed: true };
  }
  await queue.addRun({ tenantId: request.tenantId, runId: inserted.id });
  return { runId: inserted.id, status: inserted.status, replayed: false };
}

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

interface Claimed {
  attempt: number;
  maxAttempts: number;
  connectionId: string;
  connectorId: string;
  action: string;
  input: unknown;
  idempotencyKey: string | null;
  startedAt: Date;
}

async function claim(deps: QueueDeps, job: { tenantId: string; runId: string }): Promise<Claimed | undefined> {
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
async function heartbeat(deps: QueueDeps, job: { tenantId: string; runId: string }, attempt: number) {
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

export type Completion = 'succeeded' | 'failed' | 'retrying' | 'cancelled' | 'fenced' | 'not_claimed';

/** Writes an attempt's outcome, only if the run still carries that attempt. */
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
  },
): Promise<boolean> {
  const finished = values.status === 'queued' ? null : new Date();
  // The attempt's side effect has happened: its record waits out a database restart. Repeating
  // is safe, the update is conditional on the attempt still running.
  const row = await retryWhileUnavailable(() =>
    withTenant(db, tenantId, (tx) =>
      tx
        .updateTable('runs')
        .set({
          status: values.status,
          output: values.output ?? null,
          error: values.error ?? null,
          attempts: sql`attempts || ${JSON.stringify(values.attempts)}::jsonb`,
          lease_until: null,
          finished_at: finished,
          duration_ms: finished ? finished.getTime() - values.startedAt.getTime() : null,
        })
        .where('id', '=', runId)
        .where('attempt', '=', attempt)
        .where('status', '=', 'running')
        .returning('id')
        .executeTakeFirst(),
    ),
  );
  return row !== undefined;
}

/** The worker's task: claim, heartbeat, perform, complete. */
export async function processRun(deps: QueueDeps, job: { tenantId: string; runId: string }): Promise<Completion> {
  const claimed = await claim(deps, job);
  if (!claimed) return 'not_claimed';
  const controller = new AbortController();
  let cancelled = false;
  let fenced = false;
  const beat = setInterval(
    () => {
      heartbeat(deps, job, claimed.attempt)
        .then(({ owned, cancelRequested }) => {
          if (!owned) fenced = true;
          if (cancelRequested) cancelled = true;
          if (!owned || cancelRequested) controller.abort();
        })
        .catch(() => {});
    },
    Math.max(50, Math.floor(deps.leaseMs / 3)),
  );
  try {
    const connector = requireAction(deps.registry, claimed.connectorId, claimed.action);
    const performed = await perform(deps, {
      connector,
      action: claimed.action,
      tenantId: job.tenantId,
      connectionId: claimed.connectionId,
      input: claimed.input,
      idempotencyKey: claimed.idempotencyKey ?? `run:${job.runId}`,
      signal: controller.signal,
      attempt: claimed.attempt,
    });
    if (fenced) return 'fenced';
    const event = {
      runId: job.runId,
      connectionId: claimed.connectionId,
      connectorId: claimed.connectorId,
      action: claimed.action,
      mode: 'async',
      attempt: claimed.attempt,
    };
    if (performed.ok) {
      const ok = await completeAttempt(deps.db, job.tenantId, job.runId, claimed.attempt, {
        status: 'succeeded',
        output: recordValue(performed.output, performed.secrets, claimed.idempotencyKey !== null),
        attempts: performed.attempts,
        startedAt: claimed.startedAt,
      });
      if (ok) await deps.events?.emitQuietly(job.tenantId, 'run.completed', { ...event, status: 'succeeded' });
      return ok ? 'succeeded' : 'fenced';
    }
    const error = JSON.stringify(recordError(performed.error, performed.secrets));
    const retry = !cancelled && RETRYABLE.has(performed.error.code) && claimed.attempt < claimed.maxAttempts;
    const status = cancelled ? 'cancelled' : retry ? 'queued' : 'failed';
    const ok = await completeAttempt(deps.db, job.tenantId, job.runId, claimed.attempt, {
      status,
      error,
      attempts: performed.attempts,
      startedAt: claimed.startedAt,
    });
    if (!ok) return 'fenced';
    if (retry) {
      const delay = Math.min(60_000, 1_000 * 2 ** (claimed.attempt - 1));
      await requireQueue(deps).addRun(job, new Date(Date.now() + delay));
      return 'retrying';
    }
    await deps.events?.emitQuietly(job.tenantId, 'run.failed', {
      ...event,
      status,
      error: { code: performed.error.code, message: performed.error.message },
    });
    return cancelled ? 'cancelled' : 'failed';
  } finally {
    clearInterval(beat);
  }
}

/**
 * Runs whose lease expired (their worker died): queued again with the next attempt, or dead
 * after the last one. Synchronous runs whose process died are dead at once.
 */
export async function reapExpiredLeases(deps: QueueDeps): Promise<{ requeued: number; dead: number }> {
  const expired = await withSystem(deps.db, async (tx) => {
    const requeued = await tx
      .updateTable('runs')
      .set({
        status: 'queued',
        lease_until: null,
        error: JSON.stringify({ code: 'LEASE_EXPIRED', message: 'The worker stopped heartbeating' }),
      })
      .where('status', '=', 'running')
      .where('lease_until', '<', new Date())
      .where('mode', '=', 'async')
      .where(sql<boolean>`attempt < max_attempts`)
      .returning(['tenant_id', 'id'])
      .execute();
    const dead = await tx
      .updateTable('runs')
      .set({
        status: 'dead',
        lease_until: null,
        finished_at: new Date(),
        error: JSON.stringify({ code: 'LEASE_EXPIRED', message: 'The process running it stopped, and no attempts are left' }),
      })
      .where('status', '=', 'running')
      .where('lease_until', '<', new Date())
      .returning(['tenant_id', 'id', 'connection_id', 'connector_id', 'action', 'mode', 'attempt'])
      .execute();
    return { requeued, dead };
  });
  for (const run of expired.requeued) await requireQueue(deps).addRun({ tenantId: run.tenant_id, runId: run.id });
  for (const run of expired.dead) {
    await deps.events?.emitQuietly(run.tenant_id, 'run.failed', {
      runId: run.id,
      connectionId: run.connection_id,
      connectorId: run.connector_id,
      action: run.action,
      mode: run.mode,
      attempt: run.attempt,
      status: 'dead',
      error: { code: 'LEASE_EXPIRED', message: 'The process running it stopped, and no attempts are left' },
    });
  }
  return { requeued: expired.requeued.length, dead: expired.dead.length };
}
