import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyEntry, parseKeyRing } from '@patchbay/auth';
import { createTestDatabase, startTogether, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAcme, expireToken, storedTokens } from './testing/connect-acme.ts';
import { type FakeProvider, startFakeProvider } from './testing/fake-provider.ts';
import { HttpSession } from './testing/http-session.ts';
import { type SpawnedServer, spawnServer } from './testing/spawn-server.ts';

const CONFIG = fileURLToPath(new URL('./testing/fixtures/acme.config.ts', import.meta.url));
const KEYS = generateKeyEntry('proc1');

let database: TestDatabase;
let provider: FakeProvider;
let servers: SpawnedServer[] = [];
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  provider = await startFakeProvider();
  dataDir = await mkdtemp(path.join(tmpdir(), 'patchbay-refresh-processes-'));
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    PATCHBAY_ENCRYPTION_KEYS: KEYS,
    PATCHBAY_CONFIG: CONFIG,
    PATCHBAY_DATA_DIR: dataDir,
    ACME_ISSUER: provider.issuer,
    ACME_UPSTREAM: provider.upstream,
    LOG_LEVEL: 'warn',
    PORT: '0',
  };
  servers = await startTogether([spawnServer(env), spawnServer(env)]);
});
afterAll(async () => {
  for (const server of servers) expect(await server.stop()).toBe(0);
  await provider?.stop();
  await database?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('refresh across processes', () => {
  it('two server processes, 200 concurrent calls on an expired token: one token request, every call succeeds', async () => {
    const [first, second] = servers;
    if (!first || !second) throw new Error('servers did not start');
    const tenant = await connectAcme(first);
    await expireToken(database.db, provider, tenant.connectionId);
    const before = provider.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;

    const clients = [HttpSession.withApiKey(first.url, tenant.apiKey), HttpSession.withApiKey(second.url, tenant.apiKey)];
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        clients[i % 2]?.mutation('actions.acme-oauth.whoami', { connectionId: tenant.connectionId, input: {} }),
      ),
    );
    expect(replies.filter((r) => r?.status !== 200)).toEqual([]);
    expect(replies.every((r) => r?.body.result.data.sub === 'user-1')).toBe(true);
    expect(provider.tokenRequests.filter((r) => r.grantType === 'refresh_token').length).toBe(before + 1);

    const stored = await storedTokens(database.db, parseKeyRing(KEYS), tenant.connectionId);
    expect(stored.status).toBe('active');
    expect(provider.validTokens.has(stored.accessToken)).toBe(true);
    const { rows } = await database.pool.query<{ n: number }>(
      "select count(*)::int as n from runs where connection_id = $1 and status = 'succeeded'",
      [tenant.connectionId],
    );
    expect(rows[0]?.n).toBe(200);
  });
});
