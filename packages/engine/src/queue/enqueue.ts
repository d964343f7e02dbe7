/** @module Enqueueing: the run row and its job, written in one tenant transaction. */
import { timeOrderedUuid, withTenant } from '@patchbay/db';
import { ConnectorError } from '@patchbay/sdk';
import { EngineError } from '../engine-error.ts';
import { inputHash } from '../input-hash.ts';
import { requireAction } from '../runs/call-action.ts';
import { IDEMPOTENCY_INDEX_COLUMNS } from '../runs/idempotency-index.ts';
import { openRunOutput } from '../runs/run-output.ts';
import { recordValue } from '../runs/run-record.ts';
import { queueRunJob } from './queue-run.ts';
import { type EnqueueRequest, type QueueDeps, requireQueue } from './types.ts';

export interface Enqueued {
  runId: string;
  status: string;
  replayed: boolean;
  /** On a replay of a key whose run succeeded: its output, exactly as the action returned it. */
  output?: unknown;
}

/** Records a queued run and its job together. Same idempotency rules as synchronous calls. */
export async function enqueueRun(deps: QueueDeps, request: EnqueueRequest): Promise<Enqueued> {
  const connector = requireAction(deps.registry, request.connectorId, request.action);
  // Validated now, so a bad input is an error for the caller rather than a failed run later.
  const parsed = connector.actions[request.action]?.input.safeParse(request.input);
  if (parsed && !parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new ConnectorError('INVALID_INPUT', `Invalid input${path ? ` at ${path}` : ''}: ${parsed.error.issues[0]?.message}`, { path });
  }
  // graphile-worker's schema must exist before `patchbay_queue_run` can write to it.
  await requireQueue(deps).ready();
  const hash = inputHash(connector.id, request.action, request.connectionId, request.input);
  const inserted = await withTenant(deps.db, request.tenantId, async (tx) => {
    const connection = await tx.selectFrom('connections').select('connector_id').where('id', '=', request.connectionId).executeTakeFirst();
    if (!connection) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
    if (connection.connector_id !== connector.id) {
      throw new EngineError('CONNECTION_MISMATCH', `Connection belongs to ${connection.connector_id}, not ${connector.id}`);
    }
    const row = await tx
      .insertInto('runs')
      .values({
        id: timeOrderedUuid(),
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
      .onConflict((oc) =>
        oc
          .columns([...IDEMPOTENCY_INDEX_COLUMNS])
          .where('idempotency_key', 'is not', null)
          .doNothing(),
      )
      .returning(['id', 'status'])
      .executeTakeFirst();
    // In the same transaction: a crash before commit leaves neither the run nor its job.
    if (row) await queueRunJob(tx, request.tenantId, row.id);
    return row;
  });
  if (!inserted) {
    const existing = await withTenant(deps.db, request.tenantId, (tx) =>
      tx
        .selectFrom('runs')
        .select(['id', 'status', 'input_hash', 'output_sealed'])
        .where('connection_id', '=', request.connectionId)
        .where('idempotency_key', '=', request.idempotencyKey ?? '')
        .executeTakeFirst(),
    );
    // Released between our insert and this read (its run failed before the provider acted): enqueue anew.
    if (!existing) return enqueueRun(deps, request);
    if (existing.input_hash !== hash) throw new EngineError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used with a different input');
    // A finished run's replay carries its output exactly as it was produced (the sealed copy).
    const output =
      existing.output_sealed === null ? {} : { output: openRunOutput(deps.ring, request.tenantId, existing.id, existing.output_sealed) };
    return { runId: existing.id, status: existing.status, replayed: true, ...output };
  }
  return { runId: inserted.id, status: inserted.status, replayed: false };
}
