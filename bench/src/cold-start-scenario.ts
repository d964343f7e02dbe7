import { fileURLToPath } from 'node:url';
import { generateKeyEntry, parseKeyRing } from '@patchbay/auth';
import { createKysely, createPool } from '@patchbay/db';
import { type ColdStartResult, measureColdStart } from './cold-start.ts';
import { freshDatabase } from './patchbay/postgres.ts';
import { seedTenants } from './patchbay/seed.ts';
import { spawnTarget } from './spawn-target.ts';

const CONFIG = fileURLToPath(new URL('./patchbay/bench.config.ts', import.meta.url));

/**
 * S9 against an external Postgres (the benchmark's own, already running), so the server's
 * start-up does not include starting a database. One unmeasured start migrates the database;
 * then a tenant, an API key and a connection are seeded for the first-action timing.
 */
export async function runColdStart(runs: number, log: (line: string) => void): Promise<ColdStartResult> {
  const upstream = await spawnTarget('upstream');
  const keys = generateKeyEntry('cold1');
  const env = {
    DATABASE_URL: await freshDatabase('cold_start'),
    PATCHBAY_CONFIG: CONFIG,
    PATCHBAY_ENCRYPTION_KEYS: keys,
    BENCH_UPSTREAM: upstream.url,
  };
  try {
    const noop = { path: '/readyz', init: {} };
    await measureColdStart({ env, firstAction: noop }, 1, () => {});
    const pool = createPool(env.DATABASE_URL, 2);
    const db = createKysely(pool);
    const [tenant] = await seedTenants(db, parseKeyRing(keys), { tenants: 1, connectionsPerTenant: 1 });
    await db.destroy();
    if (!tenant) throw new Error('seeding failed');
    const firstAction = {
      path: '/trpc/actions.bench-key.send',
      init: {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ connectionId: tenant.connections[0], input: { channel: 'C1', text: 'cold' } }),
      },
    };
    return await measureColdStart({ env, firstAction }, runs, log);
  } finally {
    await upstream.stop();
  }
}
