import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppRouter } from '@patchbay/api';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPatchbayClientError } from './client-error.ts';
import { createPatchbayClient, DEFAULT_MAX_BATCH_SIZE } from './create-client.ts';

// The real server, as its own process: the client talks to it only over HTTP.
const SERVER_MAIN = fileURLToPath(new URL('../../../apps/server/src/main.ts', import.meta.url));

let t: TestDatabase;
let server: ChildProcess;
let url: string;
let dataDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'patchbay-client-test-'));
  server = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, DATABASE_URL: t.url, PORT: '0', LOG_LEVEL: 'warn', PATCHBAY_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  url = await new Promise((resolve, reject) => {
    let err = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      err += chunk;
      const match = /listening on (\S+)/.exec(err);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
});
afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await t.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('createPatchbayClient', () => {
  it('calls the server with typed results and the API key as a bearer token', async () => {
    const seen: (string | null)[] = [];
    const patchbay = createPatchbayClient<AppRouter>({
      url,
      apiKey: 'pbk_test_123',
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers).get('authorization'));
        return fetch(input, init);
      },
    });
    const info = await patchbay.system.version.query();
    expect(info).toEqual({ name: 'patchbay', version: expect.any(String), node: expect.any(String) });
    expect(seen).toEqual(['Bearer pbk_test_123']);
  });

  it('splits a burst of calls into batches the server accepts', async () => {
    let requests = 0;
    const patchbay = createPatchbayClient<AppRouter>({
      url,
      apiKey: 'pbk_test_123',
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
    });
    const calls = DEFAULT_MAX_BATCH_SIZE + 5;
    const results = await Promise.all(Array.from({ length: calls }, () => patchbay.system.version.query()));
    expect(results).toHaveLength(calls);
    expect(requests).toBe(2);
  });

  it('throws a PatchbayClientError whose data carries the code and request id', async () => {
    const patchbay = createPatchbayClient<AppRouter>({ url, apiKey: 'pbk_not_a_real_key' });
    const failure = await patchbay.runs.list.query({}).catch((error: unknown) => error);
    expect(isPatchbayClientError<AppRouter>(failure)).toBe(true);
    if (!isPatchbayClientError<AppRouter>(failure)) return;
    expect(failure.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, requestId: expect.any(String) });
    expect(isPatchbayClientError(new Error('not a call'))).toBe(false);
  });
});
