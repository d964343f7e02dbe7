import { randomUUID } from 'node:crypto';
import { withTenant } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOutcome, UNRECORDED } from './record-outcome.ts';
import { type RunRecordRow, RunWriter } from './run-writer.ts';

let t: TestDatabase;
const tenantId = randomUUID();

beforeAll(async () => {
  t = await createTestDatabase();
  // In the tenant's scope: FORCE RLS binds a non-superuser owner (managed Postgres) too.
  await withTenant(t.db, tenantId, (tx) => tx.insertInto('organizations').values({ id: tenantId, name: 'T' }).execute());
});
afterAll(() => t?.destroy());

const row = (id: string): Omit<RunRecordRow, 'input' | 'output'> => ({
  id,
  tenant_id: tenantId,
  connection_id: randomUUID(),
  connector_id: 'acme',
  action: 'echo',
  connector_version: '1.0.0',
  mode: 'sync' as const,
  status: 'succeeded' as const,
  idempotency_key: null,
  input_hash: 'h',
  error: null,
  attempts: '[]',
  attempt: 1,
  created_by: null,
  channel: 'trpc',
  started_at: new Date(),
  finished_at: new Date(),
  duration_ms: 0,
  lease_until: null,
});

describe('recordOutcome', () => {
  it('a record Postgres refuses is written again with markers in place of the values', async () => {
    const writer = new RunWriter(t.db);
    const id = randomUUID();
    const values = { input: '{"message":"x\\u0000"}', output: '{"ok":"\\u0000"}' };
    expect(await recordOutcome(id, values, (v) => writer.write({ ...row(id), ...v }))).toBe(true);
    const stored = await t.db.selectFrom('runs').select(['input', 'output']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ input: JSON.parse(UNRECORDED), output: JSON.parse(UNRECORDED) });
  });

  it('when no write succeeds it answers false and warns, instead of throwing at a caller whose call already acted', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const down = () => Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
      expect(await recordOutcome('run-1', { input: '{}', output: null }, down)).toBe(false);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => (w as Error & { code?: string }).code)).toContain('PATCHBAY_RUN_RECORD_LOST');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
