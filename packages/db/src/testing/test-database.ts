import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { createKysely, createPool } from '../connect.ts';
import type { Database } from '../schema.ts';
import { dropDatabase } from './drop-database.ts';

export interface TestDatabase {
  /** Superuser URL of this file's own database. */
  readonly url: string;
  readonly name: string;
  readonly db: Kysely<Database>;
  readonly pool: pg.Pool;
  /** Superuser URL of the cluster's `postgres` database, for tests that create their own. */
  readonly adminUrl: string;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

async function cloneTemplate(adminUrl: string, template: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Concurrent clones of one template can briefly collide; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${client.escapeIdentifier(name)} template ${client.escapeIdentifier(template)}`);
        return;
      } catch (error) {
        if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one test file, cloned from the run's template.
 *
 * @example
 * let t: TestDatabase;
 * beforeAll(async () => { t = await createTestDatabase(); });
 * afterAll(() => t.destroy());
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = inject('patchbayPostgres');
  const name = `patchbay_test_${randomBytes(6).toString('hex')}`;
  await cloneTemplate(adminUrl, template, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), options.poolSize ?? 5);
  const db = createKysely(pool);
  return {
    url: url.toString(),
    name,
    db,
    pool,
    adminUrl,
    async destroy() {
      await db.destroy();
      await dropDatabase(adminUrl, name);
    },
  };
}
