import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { workerLog } from './worker-log.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.destroy());

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('error', stream), lines };
}

describe('error logs', () => {
  it('a Postgres error quoting tenant input is logged with its SQLSTATE, not the input (I-4)', async () => {
    const failed = await sql`select ${'{"message":"tenant-private-text x\\u0000"}'}::jsonb`.execute(t.db).catch((error: unknown) => error);
    expect(JSON.stringify(failed)).toContain('tenant-private-text');
    const { logger, lines } = capture();
    logger.error({ err: new Error('wrapped', { cause: failed }) }, 'procedure failed');
    logger.error({ err: failed }, 'procedure failed');
    const text = lines.join('');
    expect(text).not.toContain('tenant-private-text');
    expect(text).toContain('Postgres error 22P05');
    expect(JSON.parse(lines[1] ?? '{}').err).toMatchObject({ code: '22P05', message: expect.stringMatching(/^Postgres error 22P05/) });
  });

  it('other errors keep their message and stack', () => {
    const { logger, lines } = capture();
    logger.error({ err: new TypeError('plain failure') }, 'boom');
    expect(JSON.parse(lines[0] ?? '{}').err).toMatchObject({
      type: 'TypeError',
      message: 'plain failure',
      stack: expect.stringContaining('plain failure'),
    });
  });

  it("a worker line quoting a failed job's Postgres error loses the quoted input (I-4)", async () => {
    const failed = await sql`select ${'{"message":"tenant-private-text x\\u0000"}'}::jsonb`.execute(t.db).catch((error: unknown) => error);
    const error = failed instanceof Error ? failed : new Error('expected a Postgres error');
    const { logger, lines } = capture();
    // The line Graphile Worker writes for a failed task: the error's message and stack, quoted.
    workerLog(logger)('error', `Failed task 7 (patchbay.run, 3.1ms, attempt 1 of 25) with error '${error.message}':\n  ${error.stack}`, {
      failure: true,
      error,
    });
    expect(lines.join('')).not.toContain('tenant-private-text');
    expect(lines.join('')).toContain('Postgres error 22P05');
  });

  it('fields under secret-looking keys are redacted by the same rule as run records', () => {
    const { logger, lines } = capture();
    logger.error({ connection: { botToken: 'xoxb-live-value', name: 'ok' }, clientSecret: 'cs-live-value' }, 'with fields');
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line.connection).toEqual({ botToken: '[redacted]', name: 'ok' });
    expect(line.clientSecret).toBe('[redacted]');
  });
});
