import { connect, createServer, type Server, type Socket } from 'node:net';
import { createKysely, createPool, findFreePort } from '@patchbay/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { type Listening, listen } from './listen.ts';
import { createLogger } from './logger.ts';
import { testAccounts } from './testing/test-accounts.ts';
import { createTestEngine } from './testing/test-engine.ts';

const KEY = 'Bearer pbk_0123456789abcdef_abcdefghijklmnopqrstuvwxyzABCDEF';

// A "database" that accepts TCP connections and never answers: what a caller meets while a
// server is hung or a network path is black-holed. Connections must not wait for it forever.
let silent: Server;
let silentPort: number;
const held = new Set<Socket>();
beforeAll(async () => {
  silent = createServer((socket) => {
    held.add(socket);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  silentPort = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

async function appOver(url: string) {
  const db = createKysely(createPool(url, 2));
  return {
    db,
    app: createApp({
      db,
      logger: createLogger('silent'),
      engine: createTestEngine(db),
      accounts: testAccounts('http://127.0.0.1').services,
    }),
  };
}

describe('database down (F11)', () => {
  it('a tRPC call while the database refuses connections is SERVICE_UNAVAILABLE (503), not 500, and leaks nothing', async () => {
    const { db, app } = await appOver(`postgres://app:pw-never-shown@127.0.0.1:${await findFreePort()}/none`);
    try {
      const res = await app.request('/trpc/apiKeys.list', { headers: { authorization: KEY } });
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text).error.data).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
      for (const leak of ['ECONNREFUSED', 'stack', 'pw-never-shown', '127.0.0.1']) expect(text).not.toContain(leak);
    } finally {
      await db.destroy();
    }
  });

  it('a call while the database does not answer fails within 3 s as SERVICE_UNAVAILABLE', async () => {
    const { db, app } = await appOver(`postgres://app:pw@127.0.0.1:${silentPort}/none`);
    try {
      const started = Date.now();
      const res = await app.request('/trpc/apiKeys.list', { headers: { authorization: KEY } });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(res.status).toBe(503);
      expect(JSON.parse(await res.text()).error.data.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await db.destroy();
    }
  });

  it('a route outside tRPC answers 503 with the JSON error shape', async () => {
    const { db, app } = await appOver(`postgres://app:pw@127.0.0.1:${await findFreePort()}/none`);
    try {
      const res = await app.request('/oauth/callback?state=abc&code=xyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { message: 'The database is unavailable; retry shortly', code: 'SERVICE_UNAVAILABLE' } });
    } finally {
      await db.destroy();
    }
  });
});

describe('answers from the HTTP parser', () => {
  let server: Listening;
  beforeAll(async () => {
    server = await listen(() => new Response('ok'), '127.0.0.1', 0);
  });
  afterAll(() => server.close(100));

  /** Sends raw bytes and reads the whole answer (the server closes the connection). */
  function raw(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end(request));
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk;
      });
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('431 for oversized headers carries a JSON body', async () => {
    const answer = await raw(`GET /healthz HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('content-type: application/json');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { message: 'Request headers too large', code: 'PAYLOAD_TOO_LARGE' },
    });
  });

  it('400 for a malformed request carries a JSON body', async () => {
    const answer = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code).toBe('BAD_REQUEST');
  });
});
