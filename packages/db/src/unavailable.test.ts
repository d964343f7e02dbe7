import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from './free-port.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('isDatabaseUnavailable', () => {
  it('is true for a server that refuses connections', async () => {
    const client = new pg.Client({ connectionString: `postgres://x:y@127.0.0.1:${await findFreePort()}/none` });
    expect(isDatabaseUnavailable(await failureOf(() => client.connect()))).toBe(true);
  });

  it('is true for a connection the server terminates (as at shutdown), and for the next query on it', async () => {
    const client = new pg.Client({ connectionString: t.url });
    client.on('error', () => {});
    await client.connect();
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
    const terminated = failureOf(() => client.query('select pg_sleep(5)'));
    await sql`select pg_terminate_backend(${pid})`.execute(t.db);
    expect(isDatabaseUnavailable(await terminated)).toBe(true);
    expect(isDatabaseUnavailable(await failureOf(() => client.query('select 1')))).toBe(true);
  });

  it('is true when the cause chain holds one, and false for query errors that would fail again', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(await failureOf(() => sql`select 1/0`.execute(t.db)))).toBe(false);
    expect(isDatabaseUnavailable(await failureOf(() => sql`select * from no_such_table`.execute(t.db)))).toBe(false);
    expect(isDatabaseUnavailable('a string')).toBe(false);
  });
});
