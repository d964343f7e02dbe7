/**
 * @module Keeps a Graphile Worker runner alive across database outages. A runner whose pool
 * fails fatally (it could not record a job's completion or failure, even after its own retries)
 * shuts itself down and rejects `runner.promise`; we log that and start a fresh runner, with
 * backoff while the database is still away, until `stop()`.
 */
import { EventEmitter } from 'node:events';
import type { Runner, WorkerEvents } from 'graphile-worker';

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
  start: (events: WorkerEvents) => Promise<Runner>,
  log: (level: 'error' | 'warning' | 'info', message: string) => void,
  /**
   * Frees the jobs a dead runner's workers still lock (graphile-worker would keep them locked for
   * hours), once a fresh runner is up; they are then run again, and fencing on the run row keeps
   * a run that had already been claimed from running twice.
   */
  unlock?: (workerIds: string[]) => Promise<void>,
): Promise<SupervisedRunner> {
  const workerIds = new WeakMap<Runner, string[]>();
  const begin = async () => {
    // Workers are created while `run()` starts, so the emitter is ours and listened to before.
    const events = new EventEmitter() as WorkerEvents;
    const ids: string[] = [];
    events.on('worker:create', ({ worker }) => {
      ids.push(worker.workerId);
    });
    const runner = await start(events);
    workerIds.set(runner, ids);
    return runner;
  };
  let current: Runner | undefined = await begin();
  let dead: string[] = [];
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
        current = await begin();
        delay = FIRST_DELAY_MS;
        log('info', 'queue worker restarted');
        watch(current);
        const unlocking = dead;
        dead = [];
        if (unlock && unlocking.length > 0) {
          await unlock(unlocking).catch((error: unknown) => {
            dead.push(...unlocking);
            log('warning', `could not unlock the stopped worker's jobs: ${error instanceof Error ? error.message : String(error)}`);
          });
        }
      } catch (error) {
        log('error', `queue worker could not restart: ${error instanceof Error ? error.message : String(error)}`);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
        restartLater();
      }
    }, delay);
  };

  function watch(runner: Runner): void {
    const ended = () => {
      dead.push(...(workerIds.get(runner) ?? []));
    };
    runner.promise.then(
      () => {
        if (current === runner) current = undefined;
        if (stopping) return;
        ended();
        restartLater();
      },
      (error: unknown) => {
        if (current === runner) current = undefined;
        if (stopping) return;
        ended();
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
