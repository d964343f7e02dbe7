import path from 'node:path';
import { createAppRouter } from '@patchbay/api';
import { DASHBOARD_DIST, ensureDashboardBuilt } from '@patchbay/dashboard/build';
import { attachChangeFeed, ChangeFeed, type DatabaseHandle, migrateToLatest, openDatabase } from '@patchbay/db';
import { type RunningWorker, startWorker } from '@patchbay/engine';
import { accountServices, assertMailConfigured } from './account-services.ts';
import { createApp } from './app.ts';
import type { loadConfig } from './config.ts';
import { deploymentEngine, loadDeployment } from './deployment.ts';
import { listenFirst } from './listen.ts';
import type { Logger } from './logger.ts';
import { keepRunningOnUnhandledRejection } from './unhandled.ts';
import { workerLog } from './worker-log.ts';

export interface RunningServer {
  url: string;
  stop(reason?: string): Promise<void>;
}

async function openAndMigrate(config: ReturnType<typeof loadConfig>, logger: Logger): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'postgres'),
    poolSize: config.dbPoolMax,
    onPostgresLog: (line) => logger.debug({ postgres: line }),
  });
  try {
    const applied = await migrateToLatest(handle.db);
    logger.info(
      { database: handle.displayUrl, embedded: Boolean(handle.embedded), applied: applied.map((r) => r.migrationName) },
      'database ready',
    );
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Builds the dashboard when its build is missing or older than its sources, so `pnpm start`
 * serves it with no extra command. PATCHBAY_DASHBOARD=off (what `pnpm dev` sets: Vite serves it
 * there) neither builds nor serves it. A failed build is logged and the API still starts.
 */
async function prepareDashboard(env: NodeJS.ProcessEnv, logger: Logger): Promise<string | undefined> {
  if (env.PATCHBAY_DASHBOARD === 'off') return undefined;
  try {
    const started = Date.now();
    if (await ensureDashboardBuilt()) logger.info({ ms: Date.now() - started }, 'dashboard built');
    return DASHBOARD_DIST;
  } catch (error) {
    logger.error({ err: error }, 'dashboard build failed; serving the API without it');
    return undefined;
  }
}

/** Boots the whole server; rejects with a one-line, secret-free reason when it cannot. */
export async function start(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  // Checked before anything starts: production without a key ring must not come up at all.
  const deployment = await loadDeployment(env);
  const { config, logger, patchbay } = deployment;
  keepRunningOnUnhandledRejection(logger);
  assertMailConfigured(config);
  const dashboardDir = await prepareDashboard(env, logger);
  const database = await openAndMigrate(config, logger);
  // Before the engine and the first request: caches on this database exist only with a feed.
  const changes = new ChangeFeed(database.pool.options);
  attachChangeFeed(database.db, changes);
  await changes.start();
  // The app is built once the port is known: without PATCHBAY_PUBLIC_URL, OAuth redirect URIs
  // are built on the listening address.
  let listening: Awaited<ReturnType<typeof listenFirst>>;
  try {
    listening = await listenFirst(config.host, config.port);
  } catch (error) {
    await changes.stop();
    await database.close();
    throw error;
  }
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${listening.port}`;
  const engine = deploymentEngine(deployment, database, config.publicUrl ?? url);
  let worker: RunningWorker | undefined;
  if (config.worker) {
    try {
      worker = await startWorker({ engine, pool: database.pool, log: workerLog(logger) });
    } catch (error) {
      await listening.close();
      await changes.stop();
      await database.close();
      throw error;
    }
  }
  const app = createApp({
    db: database.db,
    logger,
    publicUrl: config.publicUrl,
    engine,
    router: createAppRouter(patchbay.connectors),
    corsOrigins: config.corsOrigins,
    trustedProxies: config.trustedProxies,
    accounts: accountServices(config, logger, config.publicUrl ?? url),
    hookMaxBodyBytes: config.hookMaxBodyBytes,
    dashboardDir,
  });
  listening.serve(app.fetch, app.nodeFront);
  logger.info({ url }, 'listening');
  // A plain line for the person at the terminal; stdout stays JSON for log shippers.
  process.stderr.write(`Patchbay listening on ${url}\n`);
  return {
    url,
    async stop(reason = 'stop') {
      logger.info({ reason }, 'shutting down');
      await listening.close();
      await worker?.stop();
      await engine.close();
      await changes.stop();
      await database.close();
      logger.info('stopped');
    },
  };
}
