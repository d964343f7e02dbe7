/**
 * @module Synchronous action calls with durable run records. Without an idempotency key a call
 * costs one write: the finished run, inserted once (with the runs that finish alongside it, see
 * RunWriter), before the call answers; if the process dies mid-call, that call leaves no record.
 * With a key, the run row is inserted first as the reservation (the unique
 * `(tenant_id, connection_id, idempotency_key)` index makes concurrent callers agree on one winner), then
 * completed, with a sealed copy of the output for replays; the others wait for it and return its
 * result. A failure where the provider cannot have acted releases the key (see key-release.ts).
 */
import { type RunChannel, type RunStatus, timeOrderedUuid, withTenant } from '@patchbay/db';
import { type AnyConnector, actionTimeoutMs } from '@patchbay/sdk';
import { EngineError } from '../engine-error.ts';
import { inputHash } from '../input-hash.ts';
import type { ConnectorRegistry } from '../registry.ts';
import { ActionFailed } from './action-failed.ts';
import { IDEMPOTENCY_INDEX_COLUMNS } from './idempotency-index.ts';
import { releasesKey } from './key-release.ts';
import { type PerformDeps, type Performed, perform } from './perform.ts';
import { recordOutcome } from './record-outcome.ts';
import { replay } from './replay.ts';
import { sealRunOutput, storeSealedOutput } from './run-output.ts';
import { recordError, recordValue } from './run-record.ts';
import type { RunWriter } from './run-writer.ts';
import type { SyncCalls } from './sync-calls.ts';

export interface CallRequest {
  tenantId: string;
  /** Who called, as `user:<id>` or `api_key:<id>`. */
  actor?: string | undefined;
  /** The surface the call came through, recorded on the run (`trpc` when not said). */
  channel?: RunChannel | undefined;
  connectorId: string;
  action: string;
  connectionId: string;
  input: unknown;
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface CallResult {
  runId: string;
  output: unknown;
  /** True when the result is a stored one, returned for a repeated idempotency key. */
  replayed: boolean;
}

export type CallDeps = PerformDeps & { registry: ConnectorRegistry; writer: RunWriter; syncCalls: SyncCalls };

/** How often a waiter may find the key released and race for it again before giving up. */
const MAX_RESERVE_ROUNDS = 3;

export function requireAction(registry: ConnectorRegistry, connectorId: string, action: string): AnyConnector {
  const connector = registry.get(connectorId);
  if (!connector || !Object.hasOwn(connector.actions, action)) {
    throw new EngineError('CONNECTOR_NOT_INSTALLED', `No installed action ${connectorId}.${action}`);
  }
  return connector;
}

function completion(performed: Performed, started: Date, cancelled: boolean) {
  const finished = new Date();
  const status: RunStatus = performed.ok ? 'succeeded' : cancelled ? 'cancelled' : 'failed';
  return {
    status,
    // The display copy; a keyed run's replays use the sealed copy, so this one keeps the usual cap.
    output: performed.ok ? recordValue(performed.output, performed.secrets) : null,
    error: performed.ok ? null : JSON.stringify(recordError(performed.error, performed.secrets)),
    attempts: JSON.stringify(performed.attempts),
    finished_at: finished,
    duration_ms: finished.getTime() - started.getTime(),
    lease_until: null,
  };
}

/** Runs one action now and records it; throws ActionFailed (with the run id) when it fails. */
export async function callAction(deps: CallDeps, request: CallRequest): Promise<CallResult> {
  const connector = requireAction(deps.registry, request.connectorId, request.action);
  const action = connector.actions[request.action];
  const timeoutMs = actionTimeoutMs(action ?? {});
  const hash = inputHash(connector.id, request.action, request.connectionId, request.input);
  const started = new Date();
  const base = {
    tenant_id: request.tenantId,
    connection_id: request.connectionId,
    connector_id: connector.id,
    action: request.action,
    connector_version: connector.version,
    mode: 'sync' as const,
    idempotency_key: request.idempotencyKey ?? null,
    input_hash: hash,
    input: null,
    created_by: request.actor ?? null,
    channel: request.channel ?? 'trpc',
    started_at: started,
    attempt: 1,
  };
  let runId: string | undefined;
  for (let round = 0; request.idempotencyKey !== undefined && runId === undefined; round++) {
    const reserved = await withTenant(deps.db, request.tenantId, (tx) =>
      tx
        .insertInto('runs')
        .values({
          ...base,
          id: timeOrderedUuid(),
          input: recordValue(request.input, []),
          status: 'running',
          lease_until: new Date(started.getTime() + timeoutMs + 30_000),
        })
        .onConflict((oc) =>
          oc
            .columns([...IDEMPOTENCY_INDEX_COLUMNS])
            .where('idempotency_key', 'is not', null)
            .doNothing(),
        )
        .returning('id')
        .executeTakeFirst(),
    );
    if (reserved) runId = reserved.id;
    else {
      const replayed = await replay(deps, request, hash, timeoutMs + 5_000);
      if (replayed) return replayed;
      if (round + 1 >= MAX_RESERVE_ROUNDS) throw new EngineError('IDEMPOTENCY_PENDING', 'This idempotency key is busy; retry');
    }
  }
  // Only a keyed run has a row that runs.cancel can name while it runs.
  const cancel = runId ? new AbortController() : undefined;
  const untrack = cancel && runId ? deps.syncCalls.track(request.tenantId, runId, cancel) : undefined;
  const signal = cancel && request.signal ? AbortSignal.any([request.signal, cancel.signal]) : (cancel?.signal ?? request.signal);
  const id = runId ?? timeOrderedUuid();
  // A provider idempotency key (Stripe, Discord) named after the run when the caller gave none.
  const idempotencyKey = request.idempotencyKey ?? `run:${id}`;
  const performed = await perform(deps, { ...request, idempotencyKey, signal, connector, attempt: 1 }).finally(() => untrack?.());
  const done = completion(performed, started, cancel?.signal.aborted ?? false);
  // The input is stored only now, scrubbed of the credential values the call used.
  const values = { ...done, input: recordValue(request.input, performed.secrets) };
  let recorded: boolean;
  if (runId) {
    const release = !performed.ok && releasesKey(performed.error);
    const sealed = performed.ok ? sealRunOutput(deps.ring, request.tenantId, id, performed.output) : undefined;
    recorded = await recordOutcome(id, values, (v) =>
      withTenant(deps.db, request.tenantId, async (tx) => {
        await tx
          .updateTable('runs')
          .set({ ...v, ...(release ? { idempotency_key: null } : {}) })
          .where('id', '=', id)
          .execute();
        if (sealed) await storeSealedOutput(tx, id, sealed);
      }),
    );
  } else {
    recorded = await recordOutcome(id, values, (v) => deps.writer.write({ ...base, ...v, id }));
  }
  await deps.events?.emitQuietly(request.tenantId, performed.ok ? 'run.completed' : 'run.failed', {
    runId: id,
    connectionId: request.connectionId,
    connectorId: connector.id,
    action: request.action,
    mode: 'sync',
    status: done.status,
    durationMs: done.duration_ms,
    ...(performed.ok ? {} : { error: { code: performed.error.code, message: performed.error.message } }),
  });
  if (!performed.ok) throw new ActionFailed(performed.error, recorded ? id : undefined);
  return { runId: id, output: performed.output, replayed: false };
}
