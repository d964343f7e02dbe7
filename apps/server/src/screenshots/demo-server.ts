/**
 * @module The server the screenshots are taken of: the real app with the built dashboard, on a
 * free 127.0.0.1 port, over its own embedded Postgres in a temporary directory (deleted on
 * close), with the acme fixture connectors against the local fake provider.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppRouter } from '@patchbay/api';
import { DASHBOARD_DIST, ensureDashboardBuilt } from '@patchbay/dashboard/build';
import { type Database, migrateToLatest, openDatabase } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { createApp } from '../app.ts';
import { listenFirst } from '../listen.ts';
import { createLogger } from '../logger.ts';
import { type FakeProvider, startFakeProvider } from '../testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from '../testing/fixtures/acme-connectors.ts';
import { type Outbox, testAccounts } from '../testing/test-accounts.ts';
import { createTestEngine } from '../testing/test-engine.ts';

export interface DemoServer {
  url: string;
  db: Kysely<Database>;
  outbox: Outbox;
  provider: FakeProvider;
  close(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  await ensureDashboardBuilt();
  const scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-screenshots-'));
  const database = await openDatabase({ dataDir: path.join(scratch, 'postgres'), poolSize: 5 });
  await migrateToLatest(database.db);
  const provider = await startFakeProvider();
  const listening = await listenFirst('127.0.0.1', 0);
  const url = `http://127.0.0.1:${listening.port}`;
  const connectors = [acmeOAuth(provider), acmeKey(provider)];
  const engine = createTestEngine(database.db, { connectors, pool: database.pool, publicUrl: url });
  const { services, outbox } = testAccounts(url);
  const app = createApp({
    db: database.db,
    logger: createLogger('silent'),
    engine,
    router: createAppRouter(connectors),
    accounts: services,
    dashboardDir: DASHBOARD_DIST,
  });
  listening.serve(app.fetch, app.nodeFront);
  return {
    url,
    db: database.db,
    outbox,
    provider,
    async close() {
      await listening.close(1000);
      await engine.close();
      await provider.stop();
      await database.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
