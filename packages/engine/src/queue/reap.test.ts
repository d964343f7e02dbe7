import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRuns } from '../testing/insert-runs.ts';
import { createQueueFixture, type QueueFixture } from '../testing/queue-fixture.ts';

let f: QueueFixture;
beforeAll(async () => {
  f = await createQueueFixture();
});
afterAll(() => f?.close());

interface Running {
  mode?: 'sync' | 'async';
  attempt: number;
  maxAttempts: number;
  /** Lease end, relative to Postgres's now(). */
  leaseInMs: number;
}

/** Inserts runs that some worker is holding, leases relative to the database clock. */
const insertRunning = (runs: Running[]) =>
  insertRuns(
    f.t.db,
    f,
    runs.map((r) => ({
      mode: r.mode ?? 'async',
      status: 'running',
      attempt: r.attempt,
      max_attempts: r.maxAttempts,
      started_at: sql<Date>`now()`,
      lease_until: sql<Date>`now() + make_interval(secs => ${r.leaseInMs / 1000})`,
    })),
  );

const statuses = async (ids: string[]) => {
  const rows = await f.t.db.selectFrom('runs').select(['id', 'status', 'error', 'finished_at']).where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id));
};
const withJobs = async (ids: string[]) => {
  const { rows } = await sql<{
    key: string;
  }>`select key from graphile_worker.jobs where key = any(${ids.map((id) => `run:${id}`)}::text[])`.execute(f.t.db);
  return rows.length;
};

describe('the lease reaper', () => {
  it('re-queues an expired async run with attempts left (with its job), and marks dead one with none left or a sync one', async () => {
    const [retry, last, sync, live] = await insertRunning([
      { attempt: 1, maxAttempts: 3, leaseInMs: -1_000 },
      { attempt: 3, maxAttempts: 3, leaseInMs: -1_000 },
      { mode: 'sync', attempt: 1, maxAttempts: 3, leaseInMs: -1_000 },
      { attempt: 1, maxAttempts: 3, leaseInMs: 60_000 },
    ]);
    const ids = [retry, last, sync, live] as string[];
    expect(await f.engine.reapExpiredLeases()).toEqual({ requeued: 1, dead: 2 });
    const [r, l, s, v] = await statuses(ids);
    expect(r).toMatchObject({ status: 'queued', finished_at: null, error: { code: 'LEASE_EXPIRED' } });
    expect(l).toMatchObject({ status: 'dead', error: { code: 'LEASE_EXPIRED' } });
    expect(l?.finished_at).toBeInstanceOf(Date);
    expect(s).toMatchObject({ status: 'dead' });
    expect(v).toMatchObject({ status: 'running' });
    expect(await withJobs([retry as string])).toBe(1);
  });

  it('never kills a run with attempts left whose lease expires while the reaper runs (one statement, one clock)', async () => {
    // 300 leases expiring 2 ms apart, reaped back to back while they expire: with two statements
    // and two clocks, leases expiring between them were marked dead.
    const count = 300;
    const ids = await insertRunning(Array.from({ length: count }, (_, i) => ({ attempt: 1, maxAttempts: 3, leaseInMs: 50 + i * 2 })));
    const end = Date.now() + 50 + count * 2 + 100;
    let requeued = 0;
    let dead = 0;
    while (Date.now() < end || requeued + dead < count) {
      const reaped = await f.engine.reapExpiredLeases();
      requeued += reaped.requeued;
      dead += reaped.dead;
      if (Date.now() > end + 5_000) break;
    }
    expect({ requeued, dead }).toEqual({ requeued: count, dead: 0 });
    expect(new Set((await statuses(ids)).map((r) => r?.status))).toEqual(new Set(['queued']));
    expect(await withJobs(ids)).toBe(count);
  });
});
