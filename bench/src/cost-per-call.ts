/**
 * @module `node bench/src/cost-per-call.ts [--calls-seconds 4] [--concurrency 32]`: the S3 call's
 * cost in figures a busy machine does not bend much, next to its throughput: the server process's
 * CPU time per call (/proc utime+stime) and Postgres transactions per call (pg_stat_database).
 * Throughput moves with whatever else the machine runs; these two move only with the code.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { closedLoop } from './load.ts';
import { stopBenchPostgres } from './patchbay/postgres.ts';
import { seedTenants } from './patchbay/seed.ts';
import { startPatchbay } from './patchbay/server.ts';
import { spawnTarget } from './spawn-target.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '4' }, concurrency: { type: 'string', default: '32' } },
});

/** utime + stime of a process, in milliseconds (clock ticks are 10 ms on Linux). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const upstream = await spawnTarget('upstream', {});
const server = await startPatchbay('cost-per-call', upstream.url);
try {
  const [tenant] = await seedTenants(server.db, server.ring, { tenants: 1, connectionsPerTenant: 1 });
  if (!tenant) throw new Error('nothing seeded');
  const spec = () => ({
    path: '/trpc/actions.bench-key.send',
    method: 'POST' as const,
    headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ connectionId: tenant.connections[0], input: { channel: 'C1', text: 'hi' } }),
  });
  const load = { concurrency: Number(values.concurrency), durationMs: Number(values.seconds) * 1000 };
  // Warm: the JIT and the caches, as a long-running server would be.
  await closedLoop(server.url, spec, { ...load, durationMs: 3000 });
  const commits = async () => {
    const { rows } = await sql<{
      n: number;
    }>`select xact_commit::int as n from pg_stat_database where datname = current_database()`.execute(server.db);
    return rows[0]?.n ?? 0;
  };
  const pid = server.child.pid ?? 0;
  const [cpu0, tx0] = [await cpuMs(pid), await commits()];
  const sample = await closedLoop(server.url, spec, load);
  // pg_stat_database is updated when a backend goes idle, at most every 500 ms or so.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  const [cpu1, tx1] = [await cpuMs(pid), await commits()];
  const calls = sample.requests;
  console.log(
    JSON.stringify({
      calls,
      errors: sample.errors,
      rps: Math.round(sample.rps),
      p50Ms: sample.p50Ms,
      serverCpuUsPerCall: Math.round(((cpu1 - cpu0) * 1000) / calls),
      transactionsPerCall: Number(((tx1 - tx0 - 2) / calls).toFixed(2)),
    }),
  );
} finally {
  await server.stop();
  await upstream.stop();
  await stopBenchPostgres();
}
