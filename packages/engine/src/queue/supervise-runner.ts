/**
 * @module Keeps a Graphile Worker runner alive across database outages. A runner whose pool
 * fails fatally (it could not record a job's completion or failure, even after its own retries)
 * shuts itself down and rejects `runner.promise`; we log that and start a fresh runner, with
 * backoff while the database is still away, until `stop()`.
 */
import type { Runner } from 'graphile-worker';

export interface SupervisedRunner {
  stop(): Promise<void>;
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

/**
 * Starts a runner with `start` (its first failure rejects, as before: a worker that cannot
 * start at all is a startup error), then restarts it whenever it ends on its own.
 */
export async function superviseRunner(
  start: () => Promise<Runner>,
  log: (level: 'error' | 'warning' | 'info', message: string) => void,
): Promise<SupervisedRunner> {
  let current: Runner | undefined = await start();
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = FIRST_DELAY_MS;

  const restartLater = () => {
    if (stopping) return;
    log('warning', `restarting the queue worker in ${delay} ms`);
    timer = setTimeout(async () => {
      timer = undefined;
      if (stopping) return;
      try {
        current = await start();
        delay = FIRST_DELAY_MS;
        log('info', 'queue worker restarted');
        watch(current);
      } catch (error) {
        log('error', `queue worker could not restart: ${error instanceof Error ? error.message : String(error)}`);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
        restartLater();
      }
    }, delay);
  };

  function watch(runner: Runner): void {
    runner.promise.then(
      () => {
        if (current === runner) current = undefined;
        if (!stopping) restartLater();
      },
      (error: unknown) => {
        if (current === runner) current = undefined;
        if (stopping) return;
        log('error', `queue worker stopped: ${error instanceof Error ? error.message : String(error)}`);
        restartLater();
      },
    );
  }
  watch(current);

  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      const runner = current;
      current = undefined;
      await runner?.stop();
    },
  };
}
