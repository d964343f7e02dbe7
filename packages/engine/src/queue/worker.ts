/**
 * @module The worker: Graphile Worker running queued runs, the lease reaper and the sweeper of
 * queued runs without a job (every minute and at start), the scheduled refresher (every five
 * minutes) and retention (hourly). It runs inside the server or
 * alone (`pnpm worker`); any number of them can share one database.
 */

import { isDatabaseUnavailable, waitForDatabase } from '@patchbay/db';
import { Logger, makeWorkerUtils, parseCronItems, type RunnerOptions, run, type WorkerUtils } from 'graphile-worker';
import type pg from 'pg';
import type { Engine } from '../engine.ts';
import type { PollJob } from '../triggers/poll-subscription.ts';
import type { WebhookJob } from '../webhooks/deliver.ts';
import { POLL_TASK, PRUNE_TASK, REAP_TASK, REFRESH_TASK, RUN_TASK, type RunJob, SWEEP_TASK, WEBHOOK_TASK } from './jobs.ts';
import { superviseRunner } from './supervise-runner.ts';

export interface WorkerOptions {
  engine: Engine;
  pool: pg.Pool;
  /** Jobs run at once by this process (default 10). */
  concurrency?: number;
  /** How often to look for jobs when no notification arrived (default 2 s). */
  pollIntervalMs?: number;
  /** Where worker log lines go; silent by default. `meta.error` is the error a line quotes, if any. */
  log?: (level: string, message: string, meta?: Record<string, unknown>) => void;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { engine } = options;
  const log = options.log;
  const logger = new Logger(() => (level, message, meta) => log?.(level, message, meta));
  // A task that failed because the database went away waits for it to answer before failing:
  // Graphile then records the failure (and the retry) against a live database, instead of
  // failing to and leaving the job locked.
  const patiently =
    (task: (payload: unknown) => Promise<unknown>) =>
    async (payload: unknown): Promise<void> => {
      try {
        await task(payload);
      } catch (error) {
        if (isDatabaseUnavailable(error)) await waitForDatabase(options.pool);
        throw error;
      }
    };
  const runnerOptions: RunnerOptions = {
    pgPool: options.pool,
    // Unbatched (-1): each completion or failure is its own statement, retried by Graphile while
    // the database is away. Batched, graphile-worker 0.18's batcher is broken after its first
    // failure (its backpressure is never cleared, so its pending count goes negative): the pool's
    // graceful shutdown then waits forever, the runner never ends, superviseRunner never restarts
    // it, and every job queued after a Postgres restart waited for nobody (issue 11). The price:
    // a completion that still fails is a rejection nobody awaits (the process's backstop logs it)
    // and its job stays locked; the run itself is settled, and a run left queued behind a locked
    // job is the sweeper's (patchbay_run_job_pending ignores locks older than 30 s).
    preset: { worker: { completeJobBatchDelay: -1, failJobBatchDelay: -1 } },
    concurrency: options.concurrency ?? 10,
    pollInterval: options.pollIntervalMs ?? 2_000,
    noHandleSignals: true,
    logger,
    taskList: {
      [RUN_TASK]: patiently((payload) => engine.processRun(payload as RunJob)),
      [REAP_TASK]: patiently(() => engine.reapExpiredLeases()),
      [SWEEP_TASK]: patiently(() => engine.sweepQueuedRuns()),
      [PRUNE_TASK]: patiently(() => engine.pruneExpired()),
      [REFRESH_TASK]: patiently(() => engine.refreshDueConnections()),
      [WEBHOOK_TASK]: patiently((payload) => engine.deliverWebhook(payload as WebhookJob)),
      [POLL_TASK]: patiently((payload) => engine.pollSubscription(payload as PollJob)),
    },
    parsedCronItems: parseCronItems([
      { task: REAP_TASK, match: '* * * * *', identifier: REAP_TASK },
      { task: SWEEP_TASK, match: '* * * * *', identifier: SWEEP_TASK },
      { task: PRUNE_TASK, match: '17 * * * *', identifier: PRUNE_TASK },
      { task: REFRESH_TASK, match: '*/5 * * * *', identifier: REFRESH_TASK },
    ]),
  };
  let utils: Promise<WorkerUtils> | undefined;
  const runner = await superviseRunner(
    (events) => run({ ...runnerOptions, events }),
    (level, message) => log?.(level, message),
    async (workerIds) => {
      utils ??= makeWorkerUtils({ pgPool: options.pool });
      await (await utils).forceUnlockWorkers(workerIds);
    },
  );
  // Runs orphaned while no worker was up are picked up now, not at the next minute.
  await engine.reapExpiredLeases().catch(() => {});
  await engine.sweepQueuedRuns().catch(() => {});
  return {
    async stop() {
      await runner.stop();
      await (await utils)?.release();
    },
  };
}
