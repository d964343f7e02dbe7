import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertRuns } from '../testing/insert-runs.ts';
import { createQueueFixture, type QueueFixture } from '../testing/queue-fixture.ts';

let f: QueueFixture;
beforeAll(async () => {
  f = await createQueueFixture();
});
afterAll(() => f?.close());

/** A queued run with no job, as an older version left one when it died between commit and addJob. */
const insertOrphan = async (message: string, ageMs: number) =>
  (
    await insertRuns(f.t.db, f, [
      { input: JSON.stringify({ message }), created_at: sql<Date>`now() - make_interval(secs => ${ageMs / 1000})` },
    ])
  )[0] as string;

const run = (id: string) => f.t.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const jobRunAt = async (runId: string) =>
  (await sql<{ run_at: Date }>`select run_at from graphile_worker.jobs where key = ${`run:${runId}`}`.execute(f.t.db)).rows.map(
    (r) => r.run_at,
  );

describe('the sweeper', () => {
  it('gives a queued run left without a job its job back; only past the grace period; never a second one', async () => {
    const orphan = await insertOrphan('orphaned', 10 * 60_000);
    const young = await insertOrphan('still settling', 0);
    // A run waiting for a retry keeps its job and its time.
    const waiting = await f.enqueue({ message: 'later' });
    const later = new Date(Date.now() + 3_600_000);
    await sql`update graphile_worker._private_jobs set run_at = ${later} where key = ${`run:${waiting.runId}`}`.execute(f.t.db);
    await sql`update runs set created_at = now() - interval '1 hour' where id = ${waiting.runId}`.execute(f.t.db);

    expect(await f.engine.sweepQueuedRuns()).toEqual({ requeued: 1 });
    expect(await jobRunAt(orphan)).toHaveLength(1);
    expect(await jobRunAt(young)).toHaveLength(0);
    expect((await jobRunAt(waiting.runId)).map((d) => d.getTime())).toEqual([later.getTime()]);
    expect(await f.engine.sweepQueuedRuns()).toEqual({ requeued: 0 });
  });

  it('at worker start recovers such a run, which then runs and succeeds exactly once', async () => {
    const orphan = await insertOrphan('recovered', 10 * 60_000);
    await f.startWorker();
    await vi.waitFor(async () => expect((await run(orphan)).status).toBe('succeeded'), { timeout: 15_000, interval: 100 });
    expect(await run(orphan)).toMatchObject({ attempt: 1, output: { message: 'recovered', calls: 1 } });
    expect(await f.engine.sweepQueuedRuns({ graceMs: 0 })).toMatchObject({ requeued: expect.any(Number) });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(f.upstream.effects.get(`run:${orphan}`)).toBe(1);
  });

  it('re-queues a run whose job a dead worker left locked (graphile keeps such locks for hours)', async () => {
    await f.stopWorkers(); // no live worker may take the job before the lock is planted
    const stuck = await f.enqueue({ message: 'locked by the dead' });
    await sql`update runs set created_at = now() - interval '10 minutes' where id = ${stuck.runId}`.execute(f.t.db);
    const lock = (at: string) =>
      sql`update graphile_worker._private_jobs set locked_at = now() - ${at}::interval, locked_by = 'worker-that-died'
          where key = ${`run:${stuck.runId}`}`.execute(f.t.db);
    // Locked a moment ago: a live worker may be about to claim it.
    await lock('1 second');
    expect(await f.engine.sweepQueuedRuns()).toEqual({ requeued: 0 });
    await lock('1 minute');
    expect(await f.engine.sweepQueuedRuns()).toEqual({ requeued: 1 });
    await f.startWorker();
    await vi.waitFor(async () => expect((await run(stuck.runId)).status).toBe('succeeded'), { timeout: 15_000, interval: 100 });
    expect(f.upstream.effects.get(`run:${stuck.runId}`)).toBe(1);
  });
});
