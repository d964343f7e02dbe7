/**
 * @module Answering a repeated idempotency key from the run that holds it: the sealed output of
 * a success (exactly what the first call returned), the stored error of a failure, or a wait
 * while the first call still runs. A key that was released while we waited is free again.
 */
import type { KeyRing } from '@patchbay/auth';
import { type Database, withTenant } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { EngineError } from '../engine-error.ts';
import { ActionFailed } from './action-failed.ts';
import type { CallRequest, CallResult } from './call-action.ts';
import { openRunOutput } from './run-output.ts';
import { type RecordedError, rethrow } from './run-record.ts';

const REPLAY_POLL_MS = 25;

/** The stored result for the request's key, or undefined when no run holds the key any more. */
export async function replay(
  deps: { db: Kysely<Database>; ring: KeyRing },
  request: CallRequest,
  hash: string,
  waitMs: number,
): Promise<CallResult | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const run = await withTenant(deps.db, request.tenantId, (tx) =>
      tx
        .selectFrom('runs')
        .select(['id', 'status', 'input_hash', 'output', 'error', 'output_sealed'])
        .where('connection_id', '=', request.connectionId)
        .where('idempotency_key', '=', request.idempotencyKey ?? '')
        .executeTakeFirst(),
    );
    if (!run) return undefined;
    if (run.input_hash !== hash) {
      throw new EngineError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used with a different connection, action or input');
    }
    if (run.status === 'succeeded') {
      // Runs recorded before the sealed copy existed have only the display copy.
      const output = run.output_sealed ? openRunOutput(deps.ring, request.tenantId, run.id, run.output_sealed) : run.output;
      return { runId: run.id, output, replayed: true };
    }
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
