import { withTenant } from '@patchbay/db';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQueueFixture, type QueueFixture } from '../testing/queue-fixture.ts';

let f: QueueFixture;
beforeAll(async () => {
  f = await createQueueFixture();
});
afterAll(() => f?.close());
// A worker left running would claim the next test's run before the test is ready for it.
afterEach(() => f.stopWorkers());

const enqueue = (message: string) => f.enqueue({ message });
// Read in the tenant's scope: with a non-superuser owner FORCE RLS hides rows outside one.
const run = (id: string) =>
  withTenant(f.t.db, f.tenantId, (tx) => tx.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
const jobs = async (runId: string) =>
  (await sql<{ attempts: number }>`select attempts from graphile_worker.jobs where key = ${`run:${runId}`}`.execute(f.t.db)).rows;

describe('the run job', () => {
  it('is retried after an infrastructure failure, and the run succeeds exactly once', async () => {
    // The first claim's connection is really reset: its backend terminates itself mid-statement.
    // A sequence counts claims outside any transaction, so the rollback cannot undo the count.
    await sql`create sequence claim_faults`.execute(f.t.db);
    await sql`
      create function reset_first_claim() returns trigger language plpgsql security definer as $$
      begin
        if nextval('claim_faults') = 1 then perform pg_terminate_backend(pg_backend_pid()); end if;
        return new;
      end $$`.execute(f.t.db);
    await sql`create trigger reset_first_claim before update on runs for each row
      when (old.status = 'queued' and new.status = 'running') execute function reset_first_claim()`.execute(f.t.db);
    try {
      const queued = await enqueue('through a reset');
      await f.startWorker();
      await vi.waitFor(async () => expect((await run(queued.runId)).status).toBe('succeeded'), { timeout: 20_000, interval: 100 });
      const { rows } = await sql<{ last_value: string }>`select last_value from claim_faults`.execute(f.t.db);
      expect(Number(rows[0]?.last_value)).toBeGreaterThanOrEqual(2);
      expect(await run(queued.runId)).toMatchObject({ attempt: 1, output: { message: 'through a reset', calls: 1 } });
      expect(f.upstream.effects.get(`run:${queued.runId}`)).toBe(1);
      await vi.waitFor(async () => expect(await jobs(queued.runId)).toEqual([]), { timeout: 5_000, interval: 50 });
    } finally {
      await sql`drop trigger reset_first_claim on runs`.execute(f.t.db);
      await sql`drop function reset_first_claim()`.execute(f.t.db);
    }
  });

  it('writes the outcome through a connection reset after the action ran, so the effect is not repeated', async () => {
    // The first completion's connection is really reset, after the upstream has acted.
    await sql`create sequence completion_faults`.execute(f.t.db);
    await sql`
      create function reset_first_completion() returns trigger language plpgsql security definer as $$
      begin
        if nextval('completion_faults') = 1 then perform pg_terminate_backend(pg_backend_pid()); end if;
        return new;
      end $$`.execute(f.t.db);
    await sql`create trigger reset_first_completion before update on runs for each row
      when (old.status = 'running' and new.status = 'succeeded') execute function reset_first_completion()`.execute(f.t.db);
    try {
      const queued = await enqueue('written late');
      await f.startWorker();
      await vi.waitFor(async () => expect((await run(queued.runId)).status).toBe('succeeded'), { timeout: 20_000, interval: 100 });
      const { rows } = await sql<{ last_value: string }>`select last_value from completion_faults`.execute(f.t.db);
      expect(Number(rows[0]?.last_value)).toBeGreaterThanOrEqual(2);
      expect(await run(queued.runId)).toMatchObject({ attempt: 1, output: { message: 'written late', calls: 1 } });
      expect(f.upstream.effects.get(`run:${queued.runId}`)).toBe(1);
    } finally {
      await sql`drop trigger reset_first_completion on runs`.execute(f.t.db);
      await sql`drop function reset_first_completion()`.execute(f.t.db);
    }
  });

  it('ends normally, without retries, when its run is no longer claimable', async () => {
    const queued = await enqueue('cancelled first');
    await f.engine.cancelRun(f.tenantId, queued.runId);
    await f.startWorker();
    await vi.waitFor(async () => expect(await jobs(queued.runId)).toEqual([]), { timeout: 10_000, interval: 100 });
    expect(await run(queued.runId)).toMatchObject({ status: 'cancelled', attempt: 0 });
    expect(f.upstream.effects.get(`run:${queued.runId}`)).toBeUndefined();
  });

  it('puts a run whose attempt failed retryably back in the queue with its next job, and the next attempt succeeds', async () => {
    const queued = await f.enqueue({}, 'flaky');
    await f.startWorker();
    await vi.waitFor(async () => expect((await run(queued.runId)).status).toBe('succeeded'), { timeout: 15_000, interval: 100 });
    expect(await run(queued.runId)).toMatchObject({ attempt: 2, output: { calls: 2 } });
    expect(f.upstream.effects.get(`flaky:run:${queued.runId}`)).toBe(2);
    await vi.waitFor(async () => expect(await jobs(queued.runId)).toEqual([]), { timeout: 5_000, interval: 50 });
  });
});
