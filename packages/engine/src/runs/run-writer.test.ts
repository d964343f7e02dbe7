import { randomUUID } from 'node:crypto';
import { withTenant } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunRecordRow, RunWriter } from './run-writer.ts';

let t: TestDatabase;
const V = randomUUID();
const X = randomUUID();

beforeAll(async () => {
  t = await createTestDatabase();
  // In each tenant's scope: FORCE RLS binds a non-superuser owner (managed Postgres) too.
  for (const [id, name] of [
    [V, 'V'],
    [X, 'X'],
  ] as const) {
    await withTenant(t.db, id, (tx) => tx.insertInto('organizations').values({ id, name }).execute());
  }
});
afterAll(() => t?.destroy());

function row(tenantId: string, input: string): RunRecordRow {
  const started = new Date();
  return {
    id: randomUUID(),
    tenant_id: tenantId,
    connection_id: randomUUID(),
    connector_id: 'acme',
    action: 'echo',
    connector_version: '1.0.0',
    mode: 'sync' as const,
    status: 'succeeded' as const,
    idempotency_key: null,
    input_hash: 'h',
    input,
    output: '{"ok":true}',
    error: null,
    attempts: '[]',
    attempt: 1,
    created_by: null,
    channel: 'trpc',
    started_at: started,
    finished_at: started,
    duration_ms: 0,
    lease_until: null,
  };
}

describe.each([
  ['three round trips (withTenants)', false],
  ['one round trip (pipelined scope)', true],
])('RunWriter, %s', (_name, pipelined) => {
  const newWriter = () => (pipelined ? new RunWriter(t.db, t.pool) : new RunWriter(t.db));

  it('writes the runs that finish together in one statement, sharing one created_at', async () => {
    const writer = newWriter();
    const rows = Array.from({ length: 5 }, (_, i) => row(V, JSON.stringify({ i })));
    await Promise.all(rows.map((r) => writer.write(r)));
    const stored = await t.db
      .selectFrom('runs')
      .select(['id', 'created_at'])
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(stored).toHaveLength(5);
    expect(new Set(stored.map((s) => s.created_at.toISOString())).size).toBe(1);
  });

  it('stores every column as given, whatever characters its values hold', async () => {
    const writer = newWriter();
    const awkward = 'a "quoted", {braced} \\ back\\slash, NULL, ünïcode 🙂';
    const first = {
      ...row(V, JSON.stringify({ text: awkward, n: [1, null] })),
      idempotency_key: awkward,
      created_by: 'NULL',
      error: JSON.stringify({ code: 'X', message: awkward }),
      output: null,
      duration_ms: 42,
      lease_until: new Date('2026-01-02T03:04:05.678Z'),
    };
    const second = { ...row(X, '"a plain string"'), connector_version: '', action: ' spaced ' };
    await Promise.all([writer.write(first), writer.write(second)]);
    const stored = await t.db
      .selectFrom('runs')
      .selectAll()
      .where('id', 'in', [first.id, second.id])
      .orderBy('duration_ms', 'desc')
      .execute();
    const expected = (r: RunRecordRow) => ({
      ...r,
      input: JSON.parse(r.input as string),
      output: r.output === null ? null : JSON.parse(r.output as string),
      error: r.error === null ? null : JSON.parse(r.error as string),
      attempts: JSON.parse(r.attempts),
    });
    expect(stored).toEqual([expect.objectContaining(expected(first)), expect.objectContaining(expected(second))]);
  });

  it("one tenant's unstorable row fails only its own write, not the other tenants' rows in the batch", async () => {
    const writer = newWriter();
    const good = Array.from({ length: 10 }, (_, i) => row(V, JSON.stringify({ message: `ok ${i}` })));
    // jsonb refuses \u0000: the row Postgres rejects, as a NUL in tenant input once was.
    const bad = row(X, '{"message":"x\\u0000"}');
    const outcomes = await Promise.allSettled([...good.slice(0, 5), bad, ...good.slice(5)].map((r) => writer.write(r)));
    expect(outcomes.map((o) => o.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')]);
    const stored = await t.db
      .selectFrom('runs')
      .select('id')
      .where(
        'id',
        'in',
        [...good, bad].map((r) => r.id),
      )
      .execute();
    expect(stored.map((s) => s.id).sort()).toEqual(good.map((r) => r.id).sort());
  });
});
