import { createAppRouter } from '@patchbay/api';
import type { Database } from '@patchbay/db';
import { createKysely, createPool } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import type { Engine } from '@patchbay/engine';
import type { Kysely } from 'kysely';
import { type AppDependencies, createApp } from '../app.ts';
import { listenFirst } from '../listen.ts';
import { createLogger, type Logger } from '../logger.ts';
import { type Outbox, type TestAccountOptions, testAccounts } from './test-accounts.ts';
import { createTestEngine, type TestEngineOptions } from './test-engine.ts';

export interface TestServer {
  url: string;
  db: Kysely<Database>;
  database: TestDatabase;
  engine: Engine;
  /** Account mail the server sent (verification, reset, invitation links). */
  outbox: Outbox;
  close(): Promise<void>;
}

export interface TestServerOptions extends Omit<TestEngineOptions, 'publicUrl'> {
  /** Bounds the server's own pool. */
  poolSize?: number;
  /** HTTP-edge settings (`PATCHBAY_CORS_ORIGINS`, `PATCHBAY_TRUSTED_PROXIES`, hook body limit and counters). */
  edge?: Pick<AppDependencies, 'corsOrigins' | 'trustedProxies' | 'hookMaxBodyBytes' | 'hookCounters'>;
  /** Where the server logs (silent by default). */
  logger?: Logger;
  /** Sign-up policy and mailer; by default `open` and the outbox. */
  accounts?: TestAccountOptions;
  /** A built dashboard to serve at `/` (see `@patchbay/dashboard/build`). */
  dashboardDir?: string;
}

/** The real app on 127.0.0.1 over its own test database, with the given connectors installed. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const pool = options.poolSize ? createPool(database.url, options.poolSize) : database.pool;
  const db = pool === database.pool ? database.db : createKysely(pool);
  const server = await listenFirst('127.0.0.1', 0);
  const url = `http://127.0.0.1:${server.port}`;
  const engine = createTestEngine(db, { pool, ...options, publicUrl: url });
  const { services, outbox } = testAccounts(url, options.accounts);
  const app = createApp({
    db,
    logger: options.logger ?? createLogger('silent'),
    engine,
    router: createAppRouter(options.connectors ?? []),
    ...options.edge,
    accounts: services,
    dashboardDir: options.dashboardDir,
  });
  server.serve(app.fetch, app.nodeFront);
  return {
    url,
    db: database.db,
    database,
    engine,
    outbox,
    async close() {
      await server.close(1000);
      await engine.close();
      if (db !== database.db) await db.destroy();
      await database.destroy();
    },
  };
}
