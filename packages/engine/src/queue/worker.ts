/**
 * @module The worker: Graphile Worker running queued runs, the lease reaper and the sweeper of
 * queued runs without a job (every minute and at start), the scheduled refresher (every five
 * minutes) and retention (hourly). It runs inside the server or
 * alone (`pnpm worker`); any number of them can share one database.
 */
import { Logger, parseCronItems, type Runner, run } from 'graphile-worker';
import type pg from 'pg';
import type { Engine } from '../engine.ts';
import type { WebhookJob } from '../webhooks/deliver.ts';
import { PRUNE_TASK, REAP_TASK, REFRESH_TASK, RUN_TASK, type RunJob, SWEEP_TASK, WEBHOOK_TASK } from './jobs.ts';

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
  const runner: Runner = await run({
    pgPool: options.pool,
    concurrency: options.concurrency ?? 10,
    pollInterval: options.pollIntervalMs ?? 2_000,
    noHandleSignals: true,
    logger,
    taskList: {
      [RUN_TASK]: async (payload) => {
        await engine.processRun(payload as RunJob);
      },
      [REAP_TASK]: async () => {
        await engine.reapExpiredLeases();
      },
      [SWEEP_TASK]: async () => {
        await engine.sweepQueuedRuns();
      },
      [PRUNE_TASK]: async () => {
        await engine.pruneExpired();
      },
      [REFRESH_TASK]: async () => {
        await engine.refreshDueConnections();
      },
      [WEBHOOK_TASK]: async (payload) => {
        await engine.deliverWebhook(payload as WebhookJob);
      },
    },
    parsedCronItems: parseCronItems([
      { task: REAP_TASK, match: '* * * * *', identifier: REAP_TASK },
      { task: SWEEP_TASK, match: '* * * * *', identifier: SWEEP_TASK },
      { task: PRUNE_TASK, match: '17 * * * *', identifier: PRUNE_TASK },
      { task: REFRESH_TASK, match: '*/5 * * * *', identifier: REFRESH_TASK },
    ]),
  });
  // Runs orphaned while no worker was up are picked up now, not at the next minute.
  await engine.reapExpiredLeases().catch(() => {});
  await engine.sweepQueuedRuns().catch(() => {});
  return {
    async stop() {
      await runner.stop();
    },
  };
}
