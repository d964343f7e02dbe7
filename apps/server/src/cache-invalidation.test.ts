/**
 * Issue 19's rule for the hot-path caches, with two real server processes on one database: a
 * revoked key, a deleted, re-authorized or refreshed connection, re-encrypted credentials and a
 * tenant's added or removed webhook endpoint are never served from a stale cache: in the process
 * that made the change at once, in the other within 1 s, and in neither while its LISTEN
 * connection is down.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateKeyEntry } from '@patchbay/auth';
import { CHANGE_CHANNEL, CHANGE_FEED_APPLICATION } from '@patchbay/db';
import { createTestDatabase, startTogether, type TestDatabase } from '@patchbay/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AcmeTenant, connectAcme } from './testing/connect-acme.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { errorCode, HttpSession, ok } from './testing/http-session.ts';
import { hop, walkToCallback } from './testing/oauth-browser.ts';
import { type SpawnedServer, spawnServer } from './testing/spawn-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.ts';

const CONFIG = fileURLToPath(new URL('./testing/fixtures/acme.config.ts', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const OLD = generateKeyEntry('cacheold');
const NEW = generateKeyEntry('cachenew');
/** The rule's bound for other processes. */
const OTHER_PROCESS_MS = 1_000;

let database: TestDatabase;
let provider: FakeProvider;
let a: SpawnedServer;
let b: SpawnedServer;
let dataDir: string;
let tenant: AcmeTenant;
let receiver: WebhookReceiver;

beforeAll(async () => {
  database = await createTestDatabase();
  provider = await startFakeProvider();
  receiver = await startWebhookReceiver();
  dataDir = await mkdtemp(path.join(tmpdir(), 'patchbay-cache-invalidation-'));
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    // Both keys known from the start, so the rotation test can re-encrypt to the second.
    PATCHBAY_ENCRYPTION_KEYS: `${OLD},${NEW}`,
    PATCHBAY_CONFIG: CONFIG,
    PATCHBAY_DATA_DIR: dataDir,
    ACME_ISSUER: provider.issuer,
    ACME_UPSTREAM: provider.upstream,
    LOG_LEVEL: 'warn',
    PORT: '0',
  };
  [a, b] = await startTogether([spawnServer(env), spawnServer(env)]);
  tenant = await connectAcme(a);
}, 60_000);
afterAll(async () => {
  for (const server of [a, b]) if (server) expect(await server.stop()).toBe(0);
  await provider?.stop();
  await receiver?.close();
  await database?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

async function newKey(): Promise<string> {
  return ok(await tenant.owner.mutation('apiKeys.create', { name: `k-${Math.random()}` })).key as string;
}

const whoami = (server: SpawnedServer, key: string, connectionId = tenant.connectionId) =>
  HttpSession.withApiKey(server.url, key).mutation('actions.acme-oauth.whoami', { connectionId, input: {} });

/** Calls until `done` holds; resolves with how long that took, or rejects past `ms`. */
async function within(ms: number, call: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await call()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`still stale after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The id of the connection's latest run. */
async function lastRunId(connectionId: string): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>(
    'select id from runs where connection_id = $1 order by started_at desc limit 1',
    [connectionId],
  );
  return rows[0]?.id ?? '';
}

/** The HTTP attempts of the connection's latest run: one means the first credentials sent were the current ones. */
async function lastRunAttempts(connectionId: string): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>(
    'select jsonb_array_length(attempts::jsonb)::int as n from runs where connection_id = $1 order by started_at desc limit 1',
    [connectionId],
  );
  return rows[0]?.n ?? 0;
}

async function warm(key: string, connectionId = tenant.connectionId): Promise<void> {
  for (const server of [a, b]) for (let i = 0; i < 2; i++) ok(await whoami(server, key, connectionId));
}

describe('hot-path caches across two processes', () => {
  it('a revoked API key is refused in the revoking process at once and in the other within 1 s', async () => {
    const key = await newKey();
    await warm(key);
    const id = ok(await tenant.owner.query('apiKeys.list')).find((k: { prefix: string }) => key.includes(k.prefix)).id;
    ok(await tenant.owner.mutation('apiKeys.revoke', { id }));
    expect((await whoami(a, key)).status).toBe(401);
    const took = await within(OTHER_PROCESS_MS, async () => (await whoami(b, key)).status === 401);
    expect(took).toBeLessThan(OTHER_PROCESS_MS);
    expect((await whoami(a, key)).status).toBe(401);
  });

  it('a deleted connection is gone in the deleting process at once and in the other within 1 s', async () => {
    const key = await newKey();
    const created = ok(
      await tenant.owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
    ).id as string;
    const echo = (server: SpawnedServer) =>
      HttpSession.withApiKey(server.url, key).mutation('actions.acme-key.echo', { connectionId: created, input: { message: 'x' } });
    for (const server of [a, b]) ok(await echo(server));
    ok(await tenant.owner.mutation('connections.delete', { id: created }));
    expect(errorCode(await echo(a))).toBe('NOT_FOUND');
    await within(OTHER_PROCESS_MS, async () => errorCode(await echo(b)) === 'NOT_FOUND');
  });

  it('a re-authorized connection: both processes send the new access token first time, within 1 s', async () => {
    const key = await newKey();
    await warm(key);
    // Only the tokens of the new grant will work at the provider.
    provider.validTokens.clear();
    const flow = await walkToCallback(
      `${a.url}/oauth/acme-oauth/authorize?org=${tenant.org}&connection_id=${tenant.connectionId}`,
      tenant.owner,
    );
    const back = await hop(flow.callbackUrl, flow.browser);
    expect(back.location?.searchParams.get('connection_id')).toBe(tenant.connectionId);
    ok(await whoami(a, key));
    expect(await lastRunAttempts(tenant.connectionId)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, OTHER_PROCESS_MS));
    ok(await whoami(b, key));
    expect(await lastRunAttempts(tenant.connectionId)).toBe(1);
  });

  it('credentials refreshed in one process: the other sends the new version first time, within 1 s', async () => {
    const key = await newKey();
    await warm(key);
    provider.validTokens.clear();
    // A learns from the provider that the token is dead and refreshes it (two attempts there).
    ok(await whoami(a, key));
    expect(await lastRunAttempts(tenant.connectionId)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, OTHER_PROCESS_MS));
    ok(await whoami(b, key));
    expect(await lastRunAttempts(tenant.connectionId)).toBe(1);
  });

  it('keys rotate (another process) re-encrypts the credentials: both servers hear of it and keep working', async () => {
    const key = await newKey();
    await warm(key);
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (m) => heard.push(m.payload ?? ''));
    await listener.query(`listen ${CHANGE_CHANNEL}`);
    try {
      await promisify(execFile)(process.execPath, [CLI, 'keys', 'rotate'], {
        env: { ...process.env, DATABASE_URL: database.url, PATCHBAY_ENCRYPTION_KEYS: `${NEW},${OLD}`, PATCHBAY_DATA_DIR: dataDir },
      });
      await within(OTHER_PROCESS_MS, async () => heard.includes(`c:${tenant.org}:${tenant.connectionId}`));
      const { rows } = await database.pool.query<{ key: string }>(
        "select split_part(credentials_sealed, '.', 2) as key from connections where id = $1",
        [tenant.connectionId],
      );
      expect(rows[0]?.key).toBe('cachenew');
      await new Promise((resolve) => setTimeout(resolve, OTHER_PROCESS_MS));
      for (const server of [a, b]) {
        ok(await whoami(server, key));
        expect(await lastRunAttempts(tenant.connectionId)).toBe(1);
      }
    } finally {
      await listener.end();
    }
  });

  it("a tenant's webhook endpoint added in one process gets the other's run events within 1 s, and none once removed", async () => {
    const key = await newKey();
    // Both processes have read the tenant's endpoints (none) and would keep that for a while.
    await warm(key);
    const runDelivered = (runId: string) =>
      receiver.deliveries.some((d) => d.event.type === 'run.completed' && d.event.data.runId === runId);
    const endpoint = ok(await tenant.owner.mutation('webhooks.create', { url: receiver.url, events: ['run.completed'] }));
    ok(await whoami(a, key));
    const fromA = await lastRunId(tenant.connectionId);
    await new Promise((resolve) => setTimeout(resolve, OTHER_PROCESS_MS));
    ok(await whoami(b, key));
    const fromB = await lastRunId(tenant.connectionId);
    await vi.waitFor(() => expect(runDelivered(fromA) && runDelivered(fromB)).toBe(true), { timeout: 20_000, interval: 100 });

    ok(await tenant.owner.mutation('webhooks.delete', { id: endpoint.id }));
    ok(await whoami(a, key));
    const afterA = await lastRunId(tenant.connectionId);
    await new Promise((resolve) => setTimeout(resolve, OTHER_PROCESS_MS));
    ok(await whoami(b, key));
    const afterB = await lastRunId(tenant.connectionId);
    // A delivery queued for a removed endpoint would be sent within the worker's poll; none is.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect([runDelivered(afterA), runDelivered(afterB)]).toEqual([false, false]);
  });

  it('with its LISTEN connection killed, a process serves nothing stale and listens again', async () => {
    const key = await newKey();
    await warm(key);
    const prefix = /^pbk_([0-9a-f]{16})_/.exec(key)?.[1];
    // Kill every server's feed, then revoke behind their backs, with no process announcing it.
    await database.pool.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()',
      [CHANGE_FEED_APPLICATION],
    );
    await database.pool.query('update api_keys set revoked_at = now() where prefix = $1', [prefix]);
    for (const server of [a, b]) expect((await whoami(server, key)).status).toBe(401);
    // Back to listening: a fresh key is cached again and a later revocation still reaches both.
    await within(5_000, async () => {
      const { rows } = await database.pool.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where application_name = $1 and datname = current_database()',
        [CHANGE_FEED_APPLICATION],
      );
      return rows[0]?.n === 2;
    });
    const again = await newKey();
    await warm(again);
    await database.pool.query('update api_keys set revoked_at = now() where prefix = $1', [/^pbk_([0-9a-f]{16})_/.exec(again)?.[1]]);
    for (const server of [a, b]) await within(OTHER_PROCESS_MS, async () => (await whoami(server, again)).status === 401);
  });
});
