import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely, createPool, ensureDatabase } from './connect.ts';
import { migrateDown, migrateToLatest, migrationStatus, pendingMigrations } from './migrator.ts';
import { createTestDatabase, dropDatabase, makeTempDir, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

async function appRoleHasDefaultTableGrants(): Promise<boolean> {
  const { rows } = await sql<{ granted: boolean }>`
    select exists (
      select 1 from pg_default_acl d, aclexplode(d.defaclacl) a
      where d.defaclobjtype = 'r' and a.grantee = 'patchbay_app'::regrole
    ) as granted`.execute(t.db);
  return rows[0]?.granted ?? false;
}

describe('migrator', () => {
  it('starts from a template that is fully migrated', async () => {
    expect(await pendingMigrations(t.db)).toEqual([]);
    expect(await appRoleHasDefaultTableGrants()).toBe(true);
  });

  it('runs every migration down, then up again, to the same state', async () => {
    const applied = (await migrationStatus(t.db)).length;
    for (let i = 0; i < applied; i++) await migrateDown(t.db);
    expect(await pendingMigrations(t.db)).toHaveLength(applied);
    expect(await appRoleHasDefaultTableGrants()).toBe(false);

    const results = await migrateToLatest(t.db);
    expect(results.map((r) => r.status)).toEqual(Array(applied).fill('Success'));
    expect(await pendingMigrations(t.db)).toEqual([]);
    expect(await appRoleHasDefaultTableGrants()).toBe(true);
  });

  it('reports a failing migration by name and leaves nothing half-applied', async () => {
    const dir = await makeTempDir('bad-migrations');
    await writeFile(
      path.join(dir, '209901010000_broken.ts'),
      `export async function up(db) {
         await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
         await db.selectFrom('no_such_table').selectAll().execute();
       }
       export async function down() {}`,
    );
    const empty = createKysely(createPool(await ensureDatabase(t.adminUrl, `${t.name}_empty`), 1));
    try {
      await expect(migrateToLatest(empty, dir)).rejects.toThrow(/migration 209901010000_broken failed: .*no_such_table/);
      const { rows } = await sql<{ found: string | null }>`select to_regclass('half_done')::text as found`.execute(empty);
      expect(rows[0]?.found).toBeNull();
    } finally {
      await empty.destroy();
      await dropDatabase(t.adminUrl, `${t.name}_empty`);
    }
  });
});
