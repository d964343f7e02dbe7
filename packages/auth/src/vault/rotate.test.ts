import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, seal, sealedKeyId } from './cipher.ts';
import { generateKeyEntry, parseKeyRing } from './key-ring.ts';
import { type RotationProgress, rotateSealedColumns, type SealedColumn } from './rotate.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const column: SealedColumn = {
  table: 'secrets_under_test',
  column: 'sealed',
  idColumn: 'id',
  tenantColumn: 'tenant_id',
  purpose: 'test.secret',
};

describe('rotateSealedColumns', () => {
  it('moves every value to the new primary in batches, after which the old key can go', async () => {
    await sql`create table secrets_under_test (id text primary key, tenant_id text not null, sealed text)`.execute(t.db);
    const oldEntry = generateKeyEntry('old');
    const newEntry = generateKeyEntry('new');
    const oldRing = parseKeyRing(oldEntry);
    const rows = Array.from({ length: 23 }, (_, i) => ({
      id: `r${String(i).padStart(3, '0')}`,
      tenant: i % 2 ? 'ta' : 'tb',
      secret: `secret-${i}`,
    }));
    for (const r of rows) {
      const value = seal(oldRing, r.secret, { tenantId: r.tenant, recordId: r.id, purpose: column.purpose });
      await sql`insert into secrets_under_test values (${r.id}, ${r.tenant}, ${value})`.execute(t.db);
    }
    await sql`insert into secrets_under_test values ('empty', 'ta', null)`.execute(t.db);

    const progress: RotationProgress[] = [];
    const moved = await rotateSealedColumns(t.db, parseKeyRing(`${newEntry},${oldEntry}`), [column], {
      batchSize: 10,
      onProgress: (p) => progress.push(p),
    });
    expect(moved).toBe(23);
    expect(progress.map((p) => p.done)).toEqual([0, 10, 20, 23]);
    expect(progress.every((p) => p.total === 23)).toBe(true);

    const newOnly = parseKeyRing(newEntry);
    const { rows: stored } = await sql<{
      id: string;
      tenant_id: string;
      sealed: string;
    }>`select * from secrets_under_test where sealed is not null order by id`.execute(t.db);
    for (const [i, row] of stored.entries()) {
      expect(sealedKeyId(row.sealed)).toBe('new');
      expect(open(newOnly, row.sealed, { tenantId: row.tenant_id, recordId: row.id, purpose: column.purpose })).toBe(rows[i]?.secret);
    }
    expect(await rotateSealedColumns(t.db, newOnly, [column])).toBe(0);
  });
});
