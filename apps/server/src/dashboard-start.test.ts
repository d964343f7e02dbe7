/** `pnpm start` serves the dashboard at `/` with no extra command (building it first when stale). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from './dashboard-routes.ts';
import { type SpawnedServer, spawnServer } from './testing/spawn-server.ts';

let scratch: string;
let database: TestDatabase;
let server: SpawnedServer | undefined;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-dashboard-start-'));
  database = await createTestDatabase();
});
afterAll(async () => {
  await server?.stop();
  await database?.destroy();
  await rm(scratch, { recursive: true, force: true });
});

describe('pnpm start and the dashboard', () => {
  it('serves the built dashboard at / and its hashed script as immutable', { timeout: 120_000 }, async () => {
    server = await spawnServer({ ...process.env, DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'warn', PATCHBAY_DATA_DIR: scratch });
    const page = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    const html = await page.text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/healthz`, { headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it('serves the API alone with PATCHBAY_DASHBOARD=off', { timeout: 120_000 }, async () => {
    await server?.stop();
    server = await spawnServer({
      ...process.env,
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'warn',
      PATCHBAY_DATA_DIR: scratch,
      PATCHBAY_DASHBOARD: 'off',
    });
    expect((await fetch(`${server.url}/`, { headers: { accept: 'text/html' } })).status).toBe(404);
  });
});
