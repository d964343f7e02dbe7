import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyEntry, parseKeyRing } from '@patchbay/auth';
import { completeAttempt, type RunningWorker, startWorker } from '@patchbay/engine';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { spawnWorker } from './testing/spawn-worker.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const CONFIG = fileURLToPath(new URL('./testing/fixtures/acme.config.ts', import.meta.url));
const KEYS = generateKeyEntry('async1');
const LEASE_MS = 600;

let provider: FakeProvider;
let server: TestServer;
let owner: HttpSession;
let tenantId: string;
let connectionId: string;
let scratch: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)], ring: parseKeyRing(KEYS), leaseMs: LEASE_MS });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `async-${Date.now()}@example.com`);
  tenantId = ok(await user.mutation('orgs.create', { name: 'Queue users' })).id;
  owner = user.withOrg(tenantId);
  connectionId = ok(await owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } })).id;
  scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-async-'));
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
  await rm(scratch, { recursive: true, force: true });
});

const enqueue = (action: string, input: unknown, extra: Record<string, unknown> = {}) =>
  owner.mutation('runs.enqueue', { connectionId, connectorId: 'acme-key', action, input, ...extra });
const getRun = async (id: string) => ok(await owner.query('runs.get', { id }));
const waitForStatus = (id: string, status: string, timeout = 15_000) =>
  vi.waitFor(async () => expect((await getRun(id)).status).toBe(status), { timeout, interval: 50 });

async function inProcessWorker(): Promise<RunningWorker> {
  return startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100 });
}

describe('queued runs', () => {
  it('runs.enqueue returns at once; a worker runs it and the record has output and attempts', async () => {
    const worker = await inProcessWorker();
    try {
      const queued = ok(await enqueue('echo', { message: 'later' }));
      expect(queued).toMatchObject({ status: 'queued', replayed: false });
      await waitForStatus(queued.runId, 'succeeded');
      const run = await getRun(queued.runId);
      expect(run).toMatchObject({ mode: 'async', attempt: 1, output: { message: 'later' }, connectorVersion: '0.3.0' });
      expect(run.attempts).toEqual([expect.objectContaining({ attempt: 1, try: 1, method: 'POST', httpStatus: 200, outcome: 'ok' })]);
      expect(run.attempts[0].url).toBe(`${provider.upstream}/echo`);
    } finally {
      await worker.stop();
    }
  });

  it('refuses an invalid input at enqueue time, and repeats a key only with the same input', async () => {
    const bad = await enqueue('echo', { message: '' });
    expect(bad.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT', path: 'message' });
    const first = ok(await enqueue('echo', { message: 'once' }, { idempotencyKey: 'queued-key-1' }));
    expect(ok(await enqueue('echo', { message: 'once' }, { idempotencyKey: 'queued-key-1' }))).toMatchObject({
      runId: first.runId,
      replayed: true,
    });
    const conflict = await enqueue('echo', { message: 'other' }, { idempotencyKey: 'queued-key-1' });
    expect(conflict.body.error.data).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_CONFLICT' });
  });

  it('runs.cancel cancels a queued run, which no worker then runs', async () => {
    const calls = provider.apiCalls.get('/echo') ?? 0;
    const queued = ok(await enqueue('echo', { message: 'never' }));
    expect(ok(await owner.mutation('runs.cancel', { id: queued.runId }))).toEqual({ id: queued.runId, status: 'cancelled' });
    expect(await server.engine.processRun({ tenantId, runId: queued.runId })).toBe('not_claimed');
    expect((await getRun(queued.runId)).status).toBe('cancelled');
    expect(provider.apiCalls.get('/echo') ?? 0).toBe(calls);
    const again = await owner.mutation('runs.cancel', { id: queued.runId });
    expect(again.body.error.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'RUN_STATE' });
  });

  it('runs.cancel signals a running run, which ends cancelled', async () => {
    const worker = await inProcessWorker();
    try {
      const queued = ok(await enqueue('slow', { ms: 5_000 }));
      await waitForStatus(queued.runId, 'running');
      expect(ok(await owner.mutation('runs.cancel', { id: queued.runId }))).toMatchObject({ status: 'cancelling' });
      await waitForStatus(queued.runId, 'cancelled', 5_000);
      expect((await getRun(queued.runId)).error).toMatchObject({ code: 'CANCELLED' });
    } finally {
      await worker.stop();
    }
  });

  it('rejects a completion written by a stale attempt (fencing by attempt)', async () => {
    const queued = ok(await enqueue('echo', { message: 'fenced' }));
    // As if attempt 1's worker stalled, the reaper re-queued the run and attempt 2 claimed it.
    await server.db.updateTable('runs').set({ status: 'running', attempt: 2 }).where('id', '=', queued.runId).execute();
    const stale = await completeAttempt(server.db, tenantId, queued.runId, 1, {
      status: 'succeeded',
      output: '{"stale":true}',
      attempts: [],
      startedAt: new Date(),
    });
    expect(stale).toBe(false);
    expect(await getRun(queued.runId)).toMatchObject({ status: 'running', attempt: 2, output: null });
    expect(
      await completeAttempt(server.db, tenantId, queued.runId, 2, {
        status: 'succeeded',
        output: '{"fresh":true}',
        attempts: [],
        startedAt: new Date(),
      }),
    ).toBe(true);
    expect(await getRun(queued.runId)).toMatchObject({ status: 'succeeded', output: { fresh: true } });
  });

  it('a worker killed mid-run: the reaper re-queues the run and another worker finishes it as attempt 2; with no attempts left it is dead', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: server.database.url,
      PATCHBAY_ENCRYPTION_KEYS: KEYS,
      PATCHBAY_CONFIG: CONFIG,
      PATCHBAY_DATA_DIR: scratch,
      PATCHBAY_RUN_LEASE_MS: String(LEASE_MS),
      ACME_ISSUER: provider.issuer,
      ACME_UPSTREAM: provider.upstream,
      LOG_LEVEL: 'warn',
    };
    const doomed = await spawnWorker(env);
    const retried = ok(await enqueue('slow', { ms: 1_500 }, { maxAttempts: 2 }));
    const lost = ok(await enqueue('slow', { ms: 1_500 }, { maxAttempts: 1 }));
    await waitForStatus(retried.runId, 'running');
    await waitForStatus(lost.runId, 'running');
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 100));

    const worker = await inProcessWorker(); // reaps at start
    try {
      await waitForStatus(retried.runId, 'succeeded');
      const run = await getRun(retried.runId);
      expect(run).toMatchObject({ attempt: 2, output: { slept: 1_500 }, error: null });
      expect(run.attempts.map((a: { attempt: number }) => a.attempt)).toEqual([2]);
      // Both attempts sent the run's idempotency key, so the provider applied the effect once.
      expect(provider.effects.get(`run:${retried.runId}`)).toBe(1);
      await waitForStatus(lost.runId, 'dead');
      expect((await getRun(lost.runId)).error).toMatchObject({ code: 'LEASE_EXPIRED' });
    } finally {
      await worker.stop();
    }
  });
});
