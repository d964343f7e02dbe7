/**
 * @module `pnpm worker`: a queue worker apart from the HTTP server (queued runs, the lease
 * reaper, the scheduled refresher). Add as many as load needs; they share the database.
 */
import path from 'node:path';
import { openDatabase, pendingMigrations } from '@patchbay/db';
import { startWorker } from '@patchbay/engine';
import { deploymentEngine, loadDeployment } from './deployment.ts';
import { keepRunningOnUnhandledRejection } from './unhandled.ts';
import { workerLog } from './worker-log.ts';

async function main(env: NodeJS.ProcessEnv) {
  const deployment = await loadDeployment(env);
  const { config, logger } = deployment;
  keepRunningOnUnhandledRejection(logger);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'postgres'),
    poolSize: config.dbPoolMax,
  });
  const pending = await pendingMigrations(database.db);
  if (pending.length) {
    await database.close();
    throw new Error(`${pending.length} migration(s) pending; run pnpm db:migrate (or start the server) first`);
  }
  const engine = deploymentEngine(deployment, database, config.publicUrl ?? `http://${config.host}:${config.port}`);
  const worker = await startWorker({ engine, pool: database.pool, log: workerLog(logger) });
  process.stderr.write('Patchbay worker running\n');
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    worker
      .stop()
      .then(() => engine.close())
      .then(() => database.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.env).catch((error: unknown) => {
  process.stderr.write(`patchbay worker: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
  process.exit(1);
});
