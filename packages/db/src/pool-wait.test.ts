import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECT_TIMEOUT_MS, createPool, POOL_WAIT_MS } from './connect.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe('the pool: a busy pool is not an outage', () => {
  it('a caller waits for a free connection longer than the connect timeout, and gets it', async () => {
    const pool = createPool(t.url, 1);
    try {
      const busy = pool.query(`select pg_sleep(${(CONNECT_TIMEOUT_MS + 1_000) / 1000})`);
      // Queued behind the only connection for longer than a connect may take: still served.
      const waiting = pool.query<{ one: number }>('select 1 as one');
      await busy;
      expect((await waiting).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  }, 20_000);

  it('a server that accepts but never answers fails as unavailable after the connect timeout, not the queue wait', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const pool = createPool(`postgres://x:y@127.0.0.1:${address.port}/none`, 1);
    const started = Date.now();
    try {
      const error = await pool.query('select 1').then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(POOL_WAIT_MS);
    } finally {
      await pool.end();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 20_000);
});
