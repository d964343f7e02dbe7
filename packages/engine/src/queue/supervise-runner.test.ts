import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { Logger, type Runner, run } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { superviseRunner } from './supervise-runner.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const TASK = 'supervise_probe';
const logger = new Logger(() => () => {});

describe('superviseRunner', () => {
  it('replaces a runner that ends on its own, and the replacement runs jobs', async () => {
    const done: number[] = [];
    const runners: Runner[] = [];
    const start = async () => {
      const runner = await run({
        pgPool: t.pool,
        concurrency: 1,
        pollInterval: 100,
        noHandleSignals: true,
        logger,
        taskList: {
          [TASK]: async (payload) => {
            done.push((payload as { n: number }).n);
          },
        },
      });
      runners.push(runner);
      return runner;
    };
    const lines: string[] = [];
    const supervised = await superviseRunner(start, (level, message) => lines.push(`${level}: ${message}`));
    try {
      // As when Graphile shuts a pool down after a fatal error: the runner's promise settles.
      await runners[0]?.stop();
      await vi.waitFor(() => expect(runners).toHaveLength(2), { timeout: 5_000, interval: 50 });
      await runners[1]?.addJob(TASK, { n: 1 });
      await vi.waitFor(() => expect(done).toEqual([1]), { timeout: 5_000, interval: 50 });
      expect(lines).toContain('info: queue worker restarted');
    } finally {
      await supervised.stop();
    }
    // Stopped on purpose: not replaced again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(runners).toHaveLength(2);
  });

  it('backs off while the runner cannot start, then starts it', async () => {
    const attempts: number[] = [];
    let first: Runner | undefined;
    const start = async () => {
      attempts.push(Date.now());
      if (attempts.length === 1 || attempts.length > 3) {
        const runner = await run({ pgPool: t.pool, concurrency: 1, pollInterval: 100, noHandleSignals: true, logger, taskList: {} });
        first ??= runner;
        return runner;
      }
      throw new Error('connect ECONNREFUSED');
    };
    const supervised = await superviseRunner(start, () => {});
    try {
      await first?.stop();
      await vi.waitFor(() => expect(attempts).toHaveLength(4), { timeout: 10_000, interval: 50 });
      const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? at));
      // 500 ms, then 1 s, then 2 s between tries while starting fails.
      expect(gaps[1]).toBeGreaterThanOrEqual(950);
      expect(gaps[2]).toBeGreaterThanOrEqual(1_950);
    } finally {
      await supervised.stop();
    }
  });
});
