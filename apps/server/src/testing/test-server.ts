import type { Database } from '@patchbay/db';
import { createKysely, createPool } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import type { Kysely } from 'kysely';
import { createApp } from '../app.ts';
import { type Listening, listen } from '../listen.ts';
import { createLogger } from '../logger.ts';

export interface TestServer {
  url: string;
  db: Kysely<Database>;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real app on 127.0.0.1 over its own test database; `poolSize` bounds its connections. */
export async function startTestServer(options: { poolSize?: number } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const db = options.poolSize ? createKysely(createPool(database.url, options.poolSize)) : database.db;
  const app = createApp({ db, logger: createLogger('silent') });
  const server: Listening = await listen(app.fetch, '127.0.0.1', 0);
  return {
    url: `http://127.0.0.1:${server.port}`,
    db: database.db,
    database,
    async close() {
      await server.close(1000);
      if (db !== database.db) await db.destroy();
      await database.destroy();
    },
  };
}
