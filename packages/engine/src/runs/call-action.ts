/**
 * @module Synchronous action calls with durable run records. Without an idempotency key a call
 * costs one write: the finished run, inserted once (with the runs that finish alongside it, see
 * RunWriter), before the call answers. With a key, the run row is inserted first
 * as the reservation (the unique `(tenant_id, idempotency_key)` index makes concurrent callers
 * agree on one winner), then completed; the others wait for it and return its result.
 */
import { randomUUID } from 'node:crypto';
import { type Database, type RunStatus, withTenant } from '@patchbay/db';
import type { AnyConnector } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import { EngineError } from '../engine-error.ts';
import { inputHash } from '../input-hash.ts';
import type { ConnectorRegistry } from '../registry.ts';
import { ActionFailed } from './action-failed.ts';
import { type PerformDeps, type Performed, perform } from './perform.ts';
import { type RecordedError, recordError, recordValue, rethrow } from './run-record.ts';
import type { RunWriter } from './run-writer.ts';

export interface CallRequest {
  tenantId: string;
  /** Who called, as `user:<id>` or `api_key:<id>`. */
  actor?: string | undefined;
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

const DEFAULT_ACTION_TIMEOUT_MS = 30_000;
const REPLAY_POLL_MS = 25;

export function requireAction(registry: ConnectorRegistry, connectorId: string, action: string): AnyConnector {
  const connector = registry.get(connectorId);
  if (!connector || !Object.hasOwn(connector.actions, action)) {
    throw new EngineError('CONNECTOR_NOT_INSTALLED', `No installed action ${connectorId}.${action}`);
  }
  return connector;
}

function completion(performed: Performed, hasKey: boolean, started: Date) {
  const finished = new Date();
  return {
    status: (performed.ok ? 'succeeded' : 'failed') as RunStatus,
    output: performed.ok ? recordValue(performed.output, performed.secrets, hasKey) : null,
    error: performed.ok ? null : JSON.stringify(recordError(performed.error, performed.secrets)),
    attempts: JSON.stringify(performed.attempts),
    finished_at: finished,
    duration_ms: finished.getTime() - started.getTime(),
    lease_until: null,
  };
}

async function replay(db: Kysely<Database>, request: CallRequest, hash: string, waitMs: number): Promise<CallResult> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const run = await withTenant(db, request.tenantId, (tx) =>
      tx
        .selectFrom('runs')
        .select(['id', 'status', 'input_hash', 'output', 'error'])
        .where('idempotency_key', '=', request.idempotencyKey ?? '')
        .executeTakeFirst(),
    );
    if (!run) throw new EngineError('IDEMPOTENCY_PENDING', 'The run holding this idempotency key disappeared; retry');
    if (run.input_hash !== hash) {
      throw new EngineError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used with a different connector, action or input');
    }
    if (run.status === 'succeeded') return { runId: run.id, output: run.output, replayed: true };
    if (run.status === 'failed' || run.status === 'dead' || run.status === 'cancelled') {
      try {
        rethrow((run.error ?? { code: 'CONNECTOR_FAILURE', message: `The run ${run.status}` }) as unknown as RecordedError);
      } catch (error) {
        throw new ActionFailed(error as EngineError, run.id);
      }
    }
    if (Date.now() > deadline)
      throw new EngineError('IDEMPOTENCY_PENDING', 'A call with this idempotency key is still running; retry later');
    await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS));
  }
}

/** Runs one action now and records it; throws ActionFailed (with the run id) when it fails. */
export async function callAction(
  deps: PerformDeps & { registry: ConnectorRegistry; writer: RunWriter },
  request: CallRequest,
): Promise<CallResult> {
  const connector = requireAction(deps.registry, request.connectorId, request.action);
  const action = connector.actions[request.action];
  const timeoutMs = action?.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS;
  const hash = inputHash(connector.id, request.action, request.input);
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
    started_at: started,
    attempt: 1,
  };
  let runId: string | undefined;
  if (request.idempotencyKey !== undefined) {
    const reserved = await withTenant(deps.db, request.tenantId, (tx) =>
      tx
        .insertInto('runs')
        .values({
          ...base,
          input: recordValue(request.input, []),
          status: 'running',
          lease_until: new Date(started.getTime() + timeoutMs + 30_000),
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst(),
    );
    if (!reserved) return replay(deps.db, request, hash, timeoutMs + 5_000);
    runId = reserved.id;
  }
  const performed = await perform(deps, { ...request, connector, attempt: 1 });
  const done = completion(performed, request.idempotencyKey !== undefined, started);
  // The input is stored only now, scrubbed of the credential values the call used.
  const input = recordValue(request.input, performed.secrets);
  let id: string;
  if (runId) {
    const reservedId = runId;
    await withTenant(deps.db, request.tenantId, (tx) =>
      tx
        .updateTable('runs')
        .set({ ...done, input })
        .where('id', '=', reservedId)
        .execute(),
    );
    id = reservedId;
  } else {
    id = randomUUID();
    await deps.writer.write({ ...base, ...done, input, id });
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
  if (!performed.ok) throw new ActionFailed(performed.error, id);
  return { runId: id, output: performed.output, replayed: false };
}
