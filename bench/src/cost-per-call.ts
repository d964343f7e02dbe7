/**
 * @module `node bench/src/cost-per-call.ts [--seconds 4] [--warmup 3] [--concurrency 32] [--tenants 1]
 * [--connections 1]`: the S3 call's cost in figures a busy machine does not bend much, next to its
 * throughput: the server process's and Postgres's CPU time per call (/proc utime+stime) and
 * Postgres transactions per call (pg_stat_database). Throughput moves with whatever else the
 * machine runs; these move only with the code. `--tenants 1000 --connections 100` is S8's
 * subject: calls go round-robin over the tenants, then over each tenant's connections. `--s1`
 * measures S1's server (Hono + undici.request to the same upstream) the same way instead: the
 * floor a call's CPU is held against.
 */
import { readdir, readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { closedLoop } from './load.ts';
import { stopBenchPostgres } from './patchbay/postgres.ts';
import { seedTenants } from './patchbay/seed.ts';
import { startPatchbay } from './patchbay/server.ts';
import { spawnTarget } from './spawn-target.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '4' },
    // Seconds of load before measuring; about 15 lets V8 finish compiling the server's hot path.
    warmup: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '32' },
    tenants: { type: 'string', default: '1' },
    connections: { type: 'string', default: '1' },
    s1: { type: 'boolean', default: false },
  },
});

/** utime + stime of a process, in milliseconds (clock ticks are 10 ms on Linux). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time of each Postgres process on the machine, by pid (the bench's own cluster is the only one running). */
async function postgresCpu(): Promise<Map<number, number>> {
  const byPid = new Map<number, number>();
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if ((await readFile(`/proc/${pid}/comm`, 'utf8')).trim() === 'postgres') byPid.set(Number(pid), await cpuMs(Number(pid)));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return byPid;
}

/**
 * Postgres CPU spent between two readings. Summed per process: a backend that exits in between
 * (the seeding pool's connections close after 10 s idle) takes its whole CPU time out of a
 * plain total, which made a run whose window spanned that exit report about half the real
 * figure. A process that started in between counts in full; one that exited loses only what it
 * spent in the window.
 */
function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

const upstream = await spawnTarget('upstream', {});
const load = { concurrency: Number(values.concurrency), durationMs: Number(values.seconds) * 1000 };
const warmupMs = Number(values.warmup) * 1000;

async function measureS1(): Promise<void> {
  const s1 = await spawnTarget('hono-upstream', { UPSTREAM_URL: upstream.url });
  try {
    const spec = {
      path: '/',
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: '{"channel":"C1","text":"hi"}',
    };
    await closedLoop(s1.url, spec, { ...load, durationMs: warmupMs });
    const pid = s1.process.pid ?? 0;
    const cpu0 = await cpuMs(pid);
    const sample = await closedLoop(s1.url, spec, load);
    const cpu1 = await cpuMs(pid);
    const calls = sample.requests;
    const serverCpuUsPerCall = Math.round(((cpu1 - cpu0) * 1000) / calls);
    console.log(
      JSON.stringify({ target: 'S1', calls, errors: sample.errors, rps: Math.round(sample.rps), p50Ms: sample.p50Ms, serverCpuUsPerCall }),
    );
  } finally {
    await s1.stop();
    await upstream.stop();
  }
}

if (values.s1) {
  await measureS1();
  process.exit(0);
}

const server = await startPatchbay('cost-per-call', upstream.url);
try {
  const tenants = await seedTenants(server.db, server.ring, {
    tenants: Number(values.tenants),
    connectionsPerTenant: Number(values.connections),
  });
  if (tenants.length === 0) throw new Error('nothing seeded');
  // Round-robin over tenants, then over each tenant's connections, as the S8 bench does.
  const spec = (n: number) => {
    const tenant = tenants[n % tenants.length] as (typeof tenants)[number];
    const connectionId = tenant.connections[Math.floor(n / tenants.length) % tenant.connections.length];
    return {
      path: '/trpc/actions.bench-key.send',
      method: 'POST' as const,
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ connectionId, input: { channel: 'C1', text: 'hi' } }),
    };
  };
  // Warm: the JIT and the caches, as a long-running server would be.
  await closedLoop(server.url, spec, { ...load, durationMs: warmupMs });
  const commits = async () => {
    const { rows } = await sql<{
      n: number;
    }>`select xact_commit::int as n from pg_stat_database where datname = current_database()`.execute(server.db);
    return rows[0]?.n ?? 0;
  };
  const pid = server.child.pid ?? 0;
  const [cpu0, pg0, tx0] = [await cpuMs(pid), await postgresCpu(), await commits()];
  const sample = await closedLoop(server.url, spec, load);
  // pg_stat_database is updated when a backend goes idle, at most every 500 ms or so.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  const [cpu1, pg1, tx1] = [await cpuMs(pid), await postgresCpu(), await commits()];
  const calls = sample.requests;
  console.log(
    JSON.stringify({
      calls,
      errors: sample.errors,
      rps: Math.round(sample.rps),
      p50Ms: sample.p50Ms,
      serverCpuUsPerCall: Math.round(((cpu1 - cpu0) * 1000) / calls),
      postgresCpuUsPerCall: Math.round((postgresCpuBetween(pg0, pg1) * 1000) / calls),
      transactionsPerCall: Number(((tx1 - tx0 - 2) / calls).toFixed(2)),
    }),
  );
} finally {
  await server.stop();
  await upstream.stop();
  await stopBenchPostgres();
}
