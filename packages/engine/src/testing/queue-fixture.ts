/**
 * @module One test file's queue world: its own database, a real upstream, an engine with a
 * graphile-worker queue over the database's pool, one tenant and one API-key connection.
 */
import { randomUUID } from 'node:crypto';
import { generateKeyEntry, parseKeyRing } from '@patchbay/auth';
import { withTenant } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { createEngine, type Engine } from '../engine.ts';
import { type RunningWorker, startWorker } from '../queue/worker.ts';
import { createRegistry } from '../registry.ts';
import { effectConnector } from './effect-connector.ts';
import { type EffectUpstream, startEffectUpstream } from './effect-upstream.ts';

export interface QueueFixture {
  t: TestDatabase;
  upstream: EffectUpstream;
  engine: Engine;
  tenantId: string;
  connectionId: string;
  /** Enqueues `effect.<action>` on the fixture's connection (default `echo` with `{ message }`). */
  enqueue(input: Record<string, unknown>, action?: string): ReturnType<Engine['enqueue']>;
  /** A worker polling every 100 ms; stopped by `stopWorkers` or `close`. */
  startWorker(): Promise<RunningWorker>;
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface QueueFixtureOptions {
  leaseMs?: number;
  runRetentionDays?: number;
  /** A database prepared by the test (default: a fresh clone of the migrated template). */
  database?: TestDatabase;
}

export async function createQueueFixture(options: QueueFixtureOptions = {}): Promise<QueueFixture> {
  const t = options.database ?? (await createTestDatabase({ poolSize: 6 }));
  const upstream = await startEffectUpstream();
  const engine = createEngine({
    db: t.db,
    pool: t.pool,
    ring: parseKeyRing(generateKeyEntry('queue1')),
    registry: createRegistry({ connectors: [effectConnector(upstream.url)] }),
    publicUrl: 'http://127.0.0.1:3000',
    leaseMs: options.leaseMs ?? 5_000,
    ...(options.runRetentionDays ? { runRetentionDays: options.runRetentionDays } : {}),
  });
  await engine.prepareQueue();
  // Through the tenant scope, so it also works where the owner is no superuser (FORCE RLS).
  const tenantId = randomUUID();
  const org = await withTenant(t.db, tenantId, (tx) =>
    tx.insertInto('organizations').values({ id: tenantId, name: 'Queue tests' }).returning('id').executeTakeFirstOrThrow(),
  );
  const connection = await engine.createConnection(org.id, { connectorId: 'effect', credentials: { apiKey: 'k-123' } });
  const workers: RunningWorker[] = [];
  const stopWorkers = async () => {
    for (const worker of workers.splice(0)) await worker.stop().catch(() => {});
  };
  return {
    t,
    upstream,
    engine,
    tenantId: org.id,
    connectionId: connection.id,
    enqueue: (input, action = 'echo') =>
      engine.enqueue({ tenantId: org.id, connectionId: connection.id, connectorId: 'effect', action, input }),
    async startWorker() {
      const worker = await startWorker({ engine, pool: t.pool, pollIntervalMs: 100 });
      workers.push(worker);
      return worker;
    },
    stopWorkers,
    async close() {
      await stopWorkers();
      await engine.close();
      await upstream.stop();
      await t.destroy();
    },
  };
}
