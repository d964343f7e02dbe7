/**
 * @module Graphile Worker job names and how runs reach the queue. The `runs` table holds each
 * run's state; a job only wakes a worker for it (keyed by run id, so re-adding one is harmless).
 */
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import type pg from 'pg';

export const RUN_TASK = 'patchbay_run';
export const REAP_TASK = 'patchbay_reap';
export const REFRESH_TASK = 'patchbay_refresh_due';
export const WEBHOOK_TASK = 'patchbay_webhook';

/**
 * A run's job is retried when its handler fails for infrastructure reasons (the database was
 * down when it tried to claim or record the run); the run row's own attempts count provider
 * tries. Graphile's backoff (e^n s) spreads these over about half an hour.
 */
const RUN_JOB_ATTEMPTS = 8;

/** Deliveries retried with the queue's exponential backoff, about a day in all. */
const WEBHOOK_ATTEMPTS = 12;

export interface RunJob {
  tenantId: string;
  runId: string;
}

/** Lazily made, shared Graphile Worker utilities over the process's pool. */
export class JobQueue {
  readonly #pool: pg.Pool;
  #utils: Promise<WorkerUtils> | undefined;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  #get(): Promise<WorkerUtils> {
    this.#utils ??= makeWorkerUtils({ pgPool: this.#pool }).then(async (utils) => {
      await utils.migrate();
      return utils;
    });
    return this.#utils;
  }

  async addRun(job: RunJob, runAt?: Date): Promise<void> {
    const utils = await this.#get();
    await utils.addJob(RUN_TASK, job, { jobKey: `run:${job.runId}`, maxAttempts: RUN_JOB_ATTEMPTS, ...(runAt ? { runAt } : {}) });
  }

  async addWebhook(job: { tenantId: string; endpointId: string; event: { id: string } }): Promise<void> {
    const utils = await this.#get();
    await utils.addJob(WEBHOOK_TASK, job, { maxAttempts: WEBHOOK_ATTEMPTS, jobKey: `webhook:${job.endpointId}:${job.event.id}` });
  }

  async release(): Promise<void> {
    const utils = await this.#utils;
    this.#utils = undefined;
    await utils?.release();
  }
}
