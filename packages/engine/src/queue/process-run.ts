/**
 * @module The worker's task for one run: claim, heartbeat, perform, complete. It returns
 * normally when the run is not claimable (done, cancelled, taken by another attempt) and throws
 * when the database fails under it, so graphile-worker retries the job with backoff. Once the
 * action has run, its outcome is written with retries through a database outage: a lost write
 * would leave the run `running` until the reaper gave it another attempt, repeating its effect.
 */
import { isDatabaseUnavailable, retryWhileUnavailable } from '@patchbay/db';
import { requireAction } from '../runs/call-action.ts';
import { releasesKey } from '../runs/key-release.ts';
import { perform } from '../runs/perform.ts';
import { sealRunOutput } from '../runs/run-output.ts';
import { recordError, recordValue } from '../runs/run-record.ts';
import { claimRun, heartbeat } from './claim.ts';
import { type Completion, completeAttempt } from './complete.ts';
import type { RunJob } from './jobs.ts';
import type { QueueDeps } from './types.ts';

const RETRYABLE = new Set(['RATE_LIMITED', 'UPSTREAM', 'TIMEOUT']);
/** How long an outcome write keeps trying through an outage before the job gives up (and retries). */
const PERSIST_FOR_MS = 120_000;
const persist = <T>(write: () => Promise<T>) => retryWhileUnavailable(write, { forMs: PERSIST_FOR_MS });

export async function processRun(deps: QueueDeps, job: RunJob): Promise<Completion> {
  const claimed = await claimRun(deps, job);
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
    }).catch(async (error: unknown) => {
      // perform throws only when the database went away before the provider was called: put
      // the run back in the queue once the database answers, instead of leaving it `running`
      // until its lease expires and the reaper finds it.
      if (!isDatabaseUnavailable(error)) throw error;
      await persist(() =>
        completeAttempt(deps.db, job.tenantId, job.runId, claimed.attempt, {
          status: 'queued',
          attempts: [],
          startedAt: claimed.startedAt,
          retryAt: new Date(),
        }),
      );
      return undefined;
    });
    if (!performed) return 'retrying';
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
      const output = recordValue(performed.output, performed.secrets);
      const outputSealed =
        claimed.idempotencyKey === null ? undefined : sealRunOutput(deps.ring, job.tenantId, job.runId, performed.output);
      const ok = await persist(() =>
        completeAttempt(deps.db, job.tenantId, job.runId, claimed.attempt, {
          status: 'succeeded',
          output,
          outputSealed,
          attempts: performed.attempts,
          startedAt: claimed.startedAt,
        }),
      );
      if (ok) await deps.events?.emitQuietly(job.tenantId, 'run.completed', { ...event, status: 'succeeded' });
      return ok ? 'succeeded' : 'fenced';
    }
    const error = JSON.stringify(recordError(performed.error, performed.secrets));
    const retry = !cancelled && RETRYABLE.has(performed.error.code) && claimed.attempt < claimed.maxAttempts;
    const status = cancelled ? 'cancelled' : retry ? 'queued' : 'failed';
    const delay = Math.min(60_000, 1_000 * 2 ** (claimed.attempt - 1));
    const retryAt = new Date(Date.now() + delay);
    const ok = await persist(() =>
      completeAttempt(deps.db, job.tenantId, job.runId, claimed.attempt, {
        status,
        error,
        attempts: performed.attempts,
        startedAt: claimed.startedAt,
        ...(retry ? { retryAt } : {}),
        releaseKey: status === 'failed' && claimed.idempotencyKey !== null && releasesKey(performed.error),
      }),
    );
    if (!ok) return 'fenced';
    if (retry) return 'retrying';
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
