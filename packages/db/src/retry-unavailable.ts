/**
 * @module Waiting out a database restart for writes that must land: the record of a side effect
 * that already happened (a run's completion) is worth seconds of retrying, where a caller's
 * request is better answered SERVICE_UNAVAILABLE at once.
 */
import type pg from 'pg';
import { isDatabaseUnavailable } from './unavailable.ts';

export interface RetryWhileUnavailableOptions {
  /** Give up (rethrow) once this much time has passed (default 30 s). */
  forMs?: number;
}

/**
 * Runs `work`, and again with backoff (250 ms doubling to 5 s) while it fails because the
 * database is unavailable. Any other failure is thrown at once. `work` must be safe to repeat:
 * a commit whose acknowledgement was lost is repeated, so guard it as a conditional update.
 */
export async function retryWhileUnavailable<T>(work: () => Promise<T>, options: RetryWhileUnavailableOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.forMs ?? 30_000);
  let delay = 250;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

/**
 * Resolves once the database answers `select 1` again (250 ms doubling to 5 s between tries),
 * or after `forMs` (default 5 minutes) either way. For queue work that failed because the
 * database went away: the queue's own bookkeeping (marking the job failed, to be retried) must
 * not run into the same outage.
 */
export async function waitForDatabase(pool: pg.Pool, options: RetryWhileUnavailableOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.forMs ?? 300_000);
  let delay = 250;
  while (Date.now() < deadline) {
    try {
      await pool.query('select 1');
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
