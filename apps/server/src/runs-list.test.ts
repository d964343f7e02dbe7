/**
 * `runs.list` pages never skip or repeat a row (REVIEW #8): `created_at` has microseconds, and
 * runs written in one RunWriter batch share one `created_at`.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let server: TestServer;
let caller: HttpSession;
let tenantId: string;

beforeAll(async () => {
  server = await startTestServer();
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `pages-${Date.now()}@example.com`);
  tenantId = ok(await user.mutation('orgs.create', { name: 'Pages' })).id;
  caller = HttpSession.withApiKey(server.url, ok(await user.withOrg(tenantId).mutation('apiKeys.create', { name: 'backend' })).key);
});
afterAll(() => server?.close());

const run = (connectionId: string) => ({
  tenant_id: tenantId,
  connection_id: connectionId,
  connector_id: 'acme-key',
  action: 'echo',
  connector_version: '0.3.0',
  mode: 'sync' as const,
  status: 'succeeded' as const,
  input_hash: 'h',
});

async function everyPage(connectionId: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = ok(await caller.query('runs.list', { connectionId, limit, ...(cursor ? { cursor } : {}) }));
    seen.push(...page.runs.map((r: { id: string }) => r.id));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('runs.list did not end');
}

describe('runs.list paging', () => {
  it('limit 7 over 200 runs written in one statement (one created_at) returns each run exactly once', async () => {
    const connectionId = randomUUID();
    const rows = await server.db
      .insertInto('runs')
      .values(Array.from({ length: 200 }, () => run(connectionId)))
      .returning(['id', 'created_at'])
      .execute();
    expect(new Set(rows.map((r) => r.created_at.getTime())).size).toBe(1);
    const seen = await everyPage(connectionId, 7);
    expect(seen).toHaveLength(200);
    expect(new Set(seen)).toEqual(new Set(rows.map((r) => r.id)));
  });

  it('rows a microsecond apart inside one millisecond are neither skipped nor repeated', async () => {
    const connectionId = randomUUID();
    for (let us = 0; us < 9; us++) {
      // Set in SQL: a JavaScript Date would drop the microseconds this test is about.
      await sql`insert into runs (tenant_id, connection_id, connector_id, action, connector_version, mode, status, input_hash, created_at)
        values (${tenantId}, ${connectionId}, 'acme-key', 'echo', '0.3.0', 'sync', 'succeeded', 'h',
                ${`2026-11-30 12:00:00.123${us}${us}${us}+00`}::timestamptz)`.execute(server.db);
    }
    const seen = await everyPage(connectionId, 2);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
  });
});
