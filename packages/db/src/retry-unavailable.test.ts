import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from './connect.ts';
import { findFreePort } from './free-port.ts';
import { retryWhileUnavailable, waitForDatabase } from './retry-unavailable.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
let closedUrl: string;
beforeAll(async () => {
  t = await createTestDatabase();
  closedUrl = `postgres://x:y@127.0.0.1:${await findFreePort()}/none`;
});
afterAll(() => t.destroy());

/** A real "database refused the connection" failure. */
async function refused(): Promise<never> {
  const client = new pg.Client({ connectionString: closedUrl });
  await client.connect();
  throw new Error('unreachable: the port is closed');
}

describe('retryWhileUnavailable', () => {
  it('repeats the work while the database is unavailable, then returns its result', async () => {
    let attempts = 0;
    const result = await retryWhileUnavailable(async () => {
      attempts++;
      if (attempts < 3) return refused();
      return (await sql<{ ok: number }>`select 1 as ok`.execute(t.db)).rows[0];
    });
    expect(result).toEqual({ ok: 1 });
    expect(attempts).toBe(3);
  });

  it('throws any other failure at once', async () => {
    let attempts = 0;
    await expect(
      retryWhileUnavailable(async () => {
        attempts++;
        return sql`select 1/0`.execute(t.db);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(attempts).toBe(1);
  });

  it('gives up after forMs with the last failure', async () => {
    const started = Date.now();
    await expect(retryWhileUnavailable(refused, { forMs: 600 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe('waitForDatabase', () => {
  it('resolves at once when the database answers, and after forMs when it does not', async () => {
    const live = Date.now();
    await waitForDatabase(t.pool);
    expect(Date.now() - live).toBeLessThan(500);
    const pool = createPool(closedUrl, 1);
    try {
      const started = Date.now();
      await waitForDatabase(pool, { forMs: 700 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    } finally {
      await pool.end();
    }
  });
});
