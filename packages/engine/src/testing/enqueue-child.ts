/**
 * @module A separate process that enqueues one run, for the test that kills a process between
 * the run insert and its job: it prints `enqueueing` and then blocks wherever the database makes
 * it wait. Configured by QUEUE_TEST_* environment variables.
 */
import { generateKeyEntry, parseKeyRing } from '@patchbay/auth';
import { createKysely, createPool } from '@patchbay/db';
import { createEngine } from '../engine.ts';
import { createRegistry } from '../registry.ts';
import { effectConnector } from './effect-connector.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const pool = createPool(env('QUEUE_TEST_DATABASE_URL'), 2);
const engine = createEngine({
  db: createKysely(pool),
  pool,
  ring: parseKeyRing(generateKeyEntry('child1')),
  registry: createRegistry({ connectors: [effectConnector(env('QUEUE_TEST_UPSTREAM'))] }),
  publicUrl: 'http://127.0.0.1:3000',
});
await engine.prepareQueue();
process.stderr.write('enqueueing\n');
const queued = await engine.enqueue({
  tenantId: env('QUEUE_TEST_TENANT'),
  connectionId: env('QUEUE_TEST_CONNECTION'),
  connectorId: 'effect',
  action: 'echo',
  input: { message: 'from the child' },
});
process.stderr.write(`enqueued ${queued.runId}\n`);
await engine.close();
await pool.end();
