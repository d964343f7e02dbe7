/**
 * The queue's SQL doors (`patchbay_queue_run`, `patchbay_run_job_pending`,
 * `patchbay_prune_accounts`) and graphile-worker's own schema must work when DATABASE_URL is a
 * non-superuser owner with CREATEROLE, as on managed Postgres, where FORCE RLS binds the owner.
 */
import { randomBytes } from 'node:crypto';
import { createKysely, createPool, migrateToLatest, withTenant } from '@patchbay/db';
import { dropDatabase, type TestDatabase } from '@patchbay/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { insertRuns } from '../testing/insert-runs.ts';
import { createQueueFixture, type QueueFixture } from '../testing/queue-fixture.ts';

const { adminUrl } = inject('patchbayPostgres');
const suffix = randomBytes(4).toString('hex');
const ROLE = `queue_owner_${suffix}`;
const PASSWORD = randomBytes(12).toString('hex');
const NAME = `patchbay_queue_owner_${suffix}`;

async function asAdmin(statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

let f: QueueFixture;
beforeAll(async () => {
  // On a fresh managed cluster this owner would have created the app roles itself, holding
  // ADMIN OPTION on them; here they already exist, so the superuser hands them over that way.
  await asAdmin([
    `create role ${ROLE} login createrole password '${PASSWORD}'`,
    `grant patchbay_app, patchbay_system, patchbay_auth to ${ROLE} with admin option`,
    // A CREATEROLE admin that is not a superuser (the managed case, as in .ci/run) may only
    // create a database owned by a role it is a member of.
    `grant ${ROLE} to current_user`,
    `create database ${NAME} owner ${ROLE}`,
  ]);
  const url = new URL(adminUrl);
  url.username = ROLE;
  url.password = PASSWORD;
  url.pathname = `/${NAME}`;
  const pool = createPool(url.toString(), 6);
  const db = createKysely(pool);
  await migrateToLatest(db);
  const database: TestDatabase = {
    url: url.toString(),
    name: NAME,
    db,
    pool,
    adminUrl,
    async destroy() {
      await db.destroy();
      await dropDatabase(adminUrl, NAME);
      await asAdmin([`drop role ${ROLE}`]);
    },
  };
  f = await createQueueFixture({ database });
}, 60_000);
afterAll(() => f?.close());

describe('a non-superuser owner', () => {
  it('enqueues, runs, sweeps, reaps and prunes', async () => {
    const queued = await f.enqueue({ message: 'managed' });
    // An orphan as an older version left it: queued, no job, long ago.
    const [orphan] = await withTenant(f.t.db, f.tenantId, (tx) =>
      insertRuns(tx, f, [{ input: JSON.stringify({ message: 'orphan' }), created_at: new Date(Date.now() - 3_600_000) }]),
    );
    expect(await f.engine.sweepQueuedRuns()).toEqual({ requeued: 1 });
    await f.startWorker();
    const status = async (id: string | undefined) =>
      withTenant(f.t.db, f.tenantId, (tx) =>
        tx
          .selectFrom('runs')
          .select('status')
          .where('id', '=', id ?? '')
          .executeTakeFirstOrThrow(),
      );
    await vi.waitFor(
      async () => {
        expect(await status(queued.runId)).toEqual({ status: 'succeeded' });
        expect(await status(orphan)).toEqual({ status: 'succeeded' });
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(await f.engine.reapExpiredLeases()).toEqual({ requeued: 0, dead: 0 });
    expect(await f.engine.pruneExpired()).toMatchObject({ runs: 0, sessions: 0, signInFailures: 0 });
  });
});
