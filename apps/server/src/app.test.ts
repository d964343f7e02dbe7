import { Writable } from 'node:stream';
import { createKysely, createPool, findFreePort } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, MAX_BODY_BYTES } from './app.ts';
import { createLogger } from './logger.ts';
import { testAccounts } from './testing/test-accounts.ts';
import { createTestEngine } from './testing/test-engine.ts';
import { MAX_BATCH_SIZE } from './trpc-route.ts';

let t: TestDatabase;
const logLines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) if (line) logLines.push(JSON.parse(line));
    done();
  },
});
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestDatabase();
  app = createApp({
    db: t.db,
    logger: createLogger('info', sink),
    engine: createTestEngine(t.db),
    accounts: testAccounts('http://127.0.0.1').services,
  });
});
afterAll(() => t.destroy());

describe('health', () => {
  it('/healthz answers 200 ok', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when the database answers and migrations are current', async () => {
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
  });

  it('/readyz answers 503 with the reason when the database is unreachable', async () => {
    const db = createKysely(createPool(`postgres://nobody:x@127.0.0.1:${await findFreePort()}/none`, 1));
    const down = createApp({
      db,
      logger: createLogger('silent'),
      engine: createTestEngine(db),
      accounts: testAccounts('http://127.0.0.1').services,
    });
    const res = await down.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database unreachable (ECONNREFUSED)' });
    await db.destroy();
  });

  it('/readyz answers 503 naming the pending migrations', async () => {
    const url = new URL(t.url);
    url.pathname = '/postgres';
    const db = createKysely(createPool(url.toString(), 1));
    const unmigrated = createApp({
      db,
      logger: createLogger('silent'),
      engine: createTestEngine(db),
      accounts: testAccounts('http://127.0.0.1').services,
    });
    const res = await unmigrated.request('/readyz');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { reason: string }).reason).toMatch(/^\d+ migration\(s\) pending: 202611221100_app_role/);
    await db.destroy();
  });
});

describe('request id', () => {
  it('echoes a caller-supplied id and logs the request under it', async () => {
    const res = await app.request('/healthz', { headers: { 'x-request-id': 'req-42' } });
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(logLines).toContainEqual(expect.objectContaining({ requestId: 'req-42', path: '/healthz', status: 200, msg: 'request' }));
  });

  it('generates a fresh id when none, or an unsafe one, is sent', async () => {
    const plain = await app.request('/healthz');
    const unsafe = await app.request('/healthz', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    const ids = [plain.headers.get('x-request-id'), unsafe.headers.get('x-request-id')];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe('/trpc', () => {
  it('serves system.version as plain JSON', async () => {
    const res = await app.request('/trpc/system.version');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { data: { name: 'patchbay', version: expect.any(String), node: process.version } } });
  });

  it('refuses a batch over the limit', async () => {
    const paths = Array(MAX_BATCH_SIZE + 1)
      .fill('system.version')
      .join(',');
    const res = await app.request(`/trpc/${paths}?batch=1&input={}`);
    expect(res.status).toBe(400);
  });

  it('answers an unknown procedure with NOT_FOUND in the closed code set', async () => {
    const res = await app.request('/trpc/nope.missing');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { data: { code: string; requestId: string } } };
    expect(body.error.data.code).toBe('NOT_FOUND');
    expect(body.error.data.requestId).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toContain('stack');
  });

  it('refuses a chunked body over the size limit with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES + chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await app.request('/trpc/system.version', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});

describe('internal errors', () => {
  it('are logged with the request id and answered with a generic message carrying only that id', async () => {
    // A reachable database without our schema: the key lookup fails with an error of our own
    // making (an unreachable one is SERVICE_UNAVAILABLE, see database-down.test.ts).
    const url = new URL(t.url);
    url.pathname = '/postgres';
    const db = createKysely(createPool(url.toString(), 1));
    const lines: Record<string, unknown>[] = [];
    const capture = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    const broken = createApp({
      db,
      logger: createLogger('info', capture),
      engine: createTestEngine(db),
      accounts: testAccounts('http://127.0.0.1').services,
    });
    const res = await broken.request('/trpc/apiKeys.list', {
      headers: { authorization: 'Bearer pbk_0123456789abcdef_abcdefghijklmnopqrstuvwxyzABCDEF', 'x-request-id': 'req-500' },
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error).toMatchObject({
      message: 'Internal error (request id req-500)',
      data: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-500' },
    });
    const password = url.password ? [url.password] : [];
    for (const leak of ['api_keys', 'does not exist', 'stack', 'select', ...password]) expect(text).not.toContain(leak);
    expect(lines).toContainEqual(expect.objectContaining({ requestId: 'req-500', msg: 'procedure failed', path: 'apiKeys.list' }));
    await db.destroy();
  });
});
