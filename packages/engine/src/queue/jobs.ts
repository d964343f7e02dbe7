/**
 * @module Graphile Worker job names and the process's handle on the queue. The `runs` table holds
 * each run's state; a run's job (keyed `run:<id>`) only wakes a worker for it, and is written by
 * `patchbay_queue_run` in SQL inside the transaction that changes the run (see queue-run.ts).
 */
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import type pg from 'pg';

/** Must match the task name in the `patchbay_queue_run` SQL function. */
export const RUN_TASK = 'patchbay_run';
export const REAP_TASK = 'patchbay_reap';
export const SWEEP_TASK = 'patchbay_sweep';
export const PRUNE_TASK = 'patchbay_prune';
export const REFRESH_TASK = 'patchbay_refresh_due';
export const WEBHOOK_TASK = 'patchbay_webhook';
/** Must match the task name in the `patchbay_queue_poll` SQL function. */
export const POLL_TASK = 'patchbay_poll';

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

  /**
   * Utilities over graphile-worker's schema, installed (or upgraded) on first use. Enqueueing
   * awaits this, so the schema `patchbay_queue_run` writes to exists before the first run. A
   * failure (database down) is not remembered: the next call tries again.
   */
  ready(): Promise<WorkerUtils> {
    if (!this.#utils) {
      const made = makeWorkerUtils({ pgPool: this.#pool }).then(async (utils) => {
        try {
          await utils.migrate();
        } catch (error) {
          await utils.release();
          throw error;
        }
        return utils;
      });
      made.catch(() => {
        if (this.#utils === made) this.#utils = undefined;
      });
      this.#utils = made;
    }
    return this.#utils;
  }

  async addWebhook(job: { tenantId: string; endpointId: string; event: { id: string } }): Promise<void> {
    const utils = await this.ready();
    await utils.addJob(WEBHOOK_TASK, job, { maxAttempts: WEBHOOK_ATTEMPTS, jobKey: `webhook:${job.endpointId}:${job.event.id}` });
  }

  async release(): Promise<void> {
    const utils = await this.#utils?.catch(() => undefined);
    this.#utils = undefined;
    await utils?.release();
  }
}
