/**
 * F2: stopping Postgres for 10 s under load and starting it again. Every process stays up,
 * calls during the outage fail fast as SERVICE_UNAVAILABLE, /readyz reports the outage and
 * recovers, and queued runs all finish exactly once. Real processes, a real Postgres of our own
 * on a fixed port (so it comes back where the pools expect it), a fake upstream on 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyEntry } from '@patchbay/auth';
import { type EmbeddedPostgres, ensureDatabase, findFreePort, startEmbeddedPostgres } from '@patchbay/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { errorCode, HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import type { SpawnedProcess } from './testing/spawn-process.ts';
import { spawnServer } from './testing/spawn-server.ts';
import { spawnWorker } from './testing/spawn-worker.ts';

const CONFIG = fileURLToPath(new URL('./testing/fixtures/acme.config.ts', import.meta.url));
const KEYS = generateKeyEntry('restart1');
const OUTAGE_MS = 10_000;
const RUNS = 20;

let scratch: string;
let port: number;
let postgres: EmbeddedPostgres;
let provider: FakeProvider;
let databaseUrl: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-restart-'));
  port = await findFreePort();
  postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port });
  databaseUrl = await ensureDatabase(postgres.url, 'patchbay');
  provider = await startFakeProvider();
});
afterAll(async () => {
  await provider?.stop();
  await postgres?.stop();
  await rm(scratch, { recursive: true, force: true });
});

interface Call {
  started: number;
  ms: number;
  status: number;
  code: string | undefined;
}

/** A few clients calling in a bounded loop until told to stop. */
function load(client: HttpSession, connectionId: string) {
  const calls: Call[] = [];
  let running = true;
  const one = async () => {
    const started = Date.now();
    const reply = await client
      .mutation('actions.acme-key.slow', { connectionId, input: { ms: 0 } })
      .catch(() => ({ status: 0, body: undefined, headers: new Headers() }));
    calls.push({ started, ms: Date.now() - started, status: reply.status, code: errorCode(reply) });
  };
  const loops = Array.from({ length: 4 }, async () => {
    for (let i = 0; i < 2_000 && running; i++) {
      await one();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  return {
    calls,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function readyz(url: string): Promise<{ status: number; reason?: string }> {
  const res = await fetch(`${url}/readyz`).catch(() => undefined);
  if (!res) return { status: 0 };
  const body = (await res.json()) as { reason?: string };
  return { status: res.status, ...(body.reason ? { reason: body.reason } : {}) };
}

/** What a failure needs to be read: the runs still open and every Graphile job, with its lock. */
async function queueState(runIds: string[]): Promise<string> {
  const pg = (await import('pg')).default;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const runs = await db.query("select id, status, attempt, lease_until from runs where id = any($1) and status <> 'succeeded'", [runIds]);
    const jobs = await db.query(
      'select id, key, task_identifier, attempts, locked_at, locked_by, run_at, last_error from graphile_worker.jobs order by id',
    );
    return JSON.stringify({ now: new Date(), runs: runs.rows, jobs: jobs.rows }, null, 1);
  } finally {
    await db.end();
  }
}

async function outageScenario(inProcessWorker: boolean) {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PATCHBAY_ENCRYPTION_KEYS: KEYS,
    PATCHBAY_CONFIG: CONFIG,
    PATCHBAY_DATA_DIR: scratch,
    PATCHBAY_WORKER: inProcessWorker ? 'on' : 'off',
    ACME_ISSUER: provider.issuer,
    ACME_UPSTREAM: provider.upstream,
    // warn: the development mailer logs each mail (the verification link) at warn.
    LOG_LEVEL: 'warn',
    PORT: '0',
  };
  const processes: SpawnedProcess[] = [];
  const server = await spawnServer(env);
  processes.push(server);
  if (!inProcessWorker) processes.push(await spawnWorker(env));
  try {
    const user = new HttpSession(server.url);
    await signUpVerified(user, server.outbox, `restart-${Date.now()}@example.com`);
    const org = ok(await user.mutation('orgs.create', { name: 'Restarts' })).id as string;
    const owner = user.withOrg(org);
    const connectionId = ok(await owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }))
      .id as string;
    const client = HttpSession.withApiKey(server.url, ok(await owner.mutation('apiKeys.create', { name: 'load' })).key);
    const echoesBefore = provider.apiCalls.get('/echo') ?? 0;

    const traffic = load(client, connectionId);
    // Queued runs, enqueued right before the outage: some run before it, some wait through it.
    const runIds = await Promise.all(
      Array.from({ length: RUNS }, async (_, i) => {
        const queued = ok(
          await client.mutation('runs.enqueue', { connectionId, connectorId: 'acme-key', action: 'echo', input: { message: `run-${i}` } }),
        );
        return queued.runId as string;
      }),
    );
    await postgres.stop();
    const down = Date.now();
    await vi.waitFor(async () => expect((await readyz(server.url)).status).toBe(503), { timeout: 5_000, interval: 100 });
    const duringOutage = await readyz(server.url);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - down)));
    const restarting = Date.now();
    postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port });
    await vi.waitFor(async () => expect((await readyz(server.url)).status).toBe(200), { timeout: 15_000, interval: 200 });
    // Calls after recovery succeed.
    await vi.waitFor(
      async () => expect((await client.mutation('actions.acme-key.slow', { connectionId, input: { ms: 0 } })).status).toBe(200),
      { timeout: 10_000, interval: 200 },
    );
    const recovered = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await traffic.stop();

    for (const spawned of processes) expect(spawned.child.exitCode, spawned.stderr()).toBeNull();
    expect(duringOutage).toMatchObject({ status: 503, reason: expect.stringMatching(/^database unreachable/) });

    // Calls made wholly inside the outage: every one SERVICE_UNAVAILABLE, each within 3 s.
    const inside = traffic.calls.filter((c) => c.started >= down + 500 && c.started + c.ms < restarting);
    expect(inside.length).toBeGreaterThan(10);
    expect(inside.filter((c) => c.status !== 503 || c.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(Math.max(...inside.map((c) => c.ms))).toBeLessThan(3_000);
    // Calls begun after recovery all succeed.
    const after = traffic.calls.filter((c) => c.started >= recovered);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((c) => c.status !== 200)).toEqual([]);

    // Every queued run succeeded, and the upstream saw each exactly once.
    await vi
      .waitFor(
        async () => {
          const statuses = await Promise.all(runIds.map(async (id) => ok(await client.query('runs.get', { id })).status as string));
          expect(statuses.filter((s) => s !== 'succeeded')).toEqual([]);
        },
        // A run stranded by a worker that died in the outage is swept (every minute) once it is a minute old.
        { timeout: 180_000, interval: 500 },
      )
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nqueue state:\n${await queueState(runIds)}`);
      });
    expect((provider.apiCalls.get('/echo') ?? 0) - echoesBefore).toBe(RUNS);
  } finally {
    for (const spawned of processes) expect(await spawned.stop(), spawned.stderr()).toBe(0);
  }
}

// It stops a Postgres of its own for 10 s and starts it again on the same port, so it needs no
// DATABASE_URL: the suite's passes against an external Postgres would only repeat it.
describe.skipIf(process.env.DATABASE_URL)('a Postgres restart under load (F2)', () => {
  it('with the in-process worker: the server survives, answers SERVICE_UNAVAILABLE meanwhile, and every queued run succeeds once', async () => {
    await outageScenario(true);
  }, 240_000);

  it('with PATCHBAY_WORKER=off and a separate pnpm worker: both survive, and every queued run succeeds once', async () => {
    await outageScenario(false);
  }, 240_000);
});
