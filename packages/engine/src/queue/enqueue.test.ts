import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQueueFixture, type QueueFixture } from '../testing/queue-fixture.ts';

let f: QueueFixture;
beforeAll(async () => {
  f = await createQueueFixture();
});
afterAll(() => f?.close());

const CHILD = fileURLToPath(new URL('../testing/enqueue-child.ts', import.meta.url));

async function jobFor(runId: string) {
  const { rows } = await sql<{ attempts: number; max_attempts: number; run_at: Date }>`
    select attempts, max_attempts, run_at from graphile_worker.jobs where key = ${`run:${runId}`}`.execute(f.t.db);
  return rows[0];
}

const runsOfTenant = async () =>
  (await f.t.db.selectFrom('runs').select(['id', 'status']).where('tenant_id', '=', f.tenantId).execute()).map((r) => r.status);

describe('enqueue writes the run and its job in one transaction', () => {
  it('a queued run has its job, with retries, as soon as enqueue returns', async () => {
    const queued = await f.enqueue({ message: 'hi' });
    expect(queued).toMatchObject({ status: 'queued', replayed: false });
    expect(await jobFor(queued.runId)).toMatchObject({ attempts: 0, max_attempts: 8 });
  });

  it('when adding the job fails inside the transaction, no run row is left behind', async () => {
    const before = (await runsOfTenant()).length;
    // A real failure of graphile_worker.add_job, inside the enqueue transaction.
    await sql`create function fail_job_insert() returns trigger language plpgsql as $$ begin raise exception 'queue unavailable'; end $$`.execute(
      f.t.db,
    );
    await sql`create trigger fail_job_insert before insert on graphile_worker._private_jobs for each row execute function fail_job_insert()`.execute(
      f.t.db,
    );
    try {
      await expect(f.enqueue({ message: 'lost?' })).rejects.toThrow(/queue unavailable/);
    } finally {
      await sql`drop trigger fail_job_insert on graphile_worker._private_jobs`.execute(f.t.db);
      await sql`drop function fail_job_insert()`.execute(f.t.db);
    }
    expect((await runsOfTenant()).length).toBe(before);
  });

  it('a process killed between the run insert and the job add leaves no run stuck in queued', async () => {
    const before = await runsOfTenant();
    // Hold graphile-worker's jobs table so the child blocks at the job add, after its run insert.
    const holder = new pg.Client({ connectionString: f.t.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table graphile_worker._private_jobs in access exclusive mode');
      const child = spawn(process.execPath, [CHILD], {
        env: {
          ...process.env,
          QUEUE_TEST_DATABASE_URL: f.t.url,
          QUEUE_TEST_UPSTREAM: f.upstream.url,
          QUEUE_TEST_TENANT: f.tenantId,
          QUEUE_TEST_CONNECTION: f.connectionId,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      // The child's enqueue is waiting for the lock: its run insert has happened.
      const blocked = await vi.waitFor(
        async () => {
          // Asked on another connection: pg_stat_activity is frozen inside the holder's transaction.
          const { rows } = await sql<{ pid: number }>`
            select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(f.t.db);
          expect(rows.length, stderr).toBe(1);
          return rows[0]?.pid;
        },
        { timeout: 20_000, interval: 50 },
      );
      child.kill('SIGKILL');
      await exited;
      await holder.query('commit');
      // Its server backend finds the client gone and ends, rolling back whatever was uncommitted.
      await vi.waitFor(
        async () => {
          const { rows } = await sql`select 1 from pg_stat_activity where pid = ${blocked}`.execute(f.t.db);
          expect(rows).toHaveLength(0);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      await holder.end();
    }
    expect(await runsOfTenant()).toEqual(before);
    expect(await f.engine.sweepQueuedRuns({ graceMs: 0 })).toEqual({ requeued: 0 });
  });
});
