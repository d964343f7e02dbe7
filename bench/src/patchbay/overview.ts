/**
 * @module Overview at scale (S13): one tenant with 100k runs over 30 days across a few
 * connectors and every status, and the one batched request the dashboard's Overview page sends
 * on load (`runs.stats` for its range plus the two "needing attention" `connections.list`
 * calls), made with a signed-in session as the browser makes it, against `runs.list` of one
 * page on the same server. Both benches share one seeded server: seeding 100k runs twice would
 * only slow the run down.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { closedLoop, type RequestSpec } from '../load.ts';
import type { Bench } from '../scenarios.ts';
import { connectionRow, type SeededConnector } from './seed.ts';
import { type PatchbayServer, startPatchbay } from './server.ts';
import { type SignedInOrg, signedInOrg } from './session.ts';

export const OVERVIEW_RUNS = 100_000;
const DAY_MS = 86_400_000;
const CONNECTORS: SeededConnector[] = ['bench-key', 'bench-oauth', 'stripe'];
/** Connections per connector; a few of them need attention, as the page's second list expects. */
const CONNECTIONS_PER_CONNECTOR = 4;

interface Seeded {
  server: PatchbayServer;
  session: SignedInOrg;
}

/**
 * Runs are spread evenly over the last 30 days, newest first, with a fixed mix of statuses
 * (about 85% succeeded, 8% failed, 2% dead, and some queued, running, cancelled) and durations,
 * computed from the row number so every bench run seeds the same tenant. One INSERT ... SELECT
 * over generate_series: the rows never cross the wire.
 */
async function seedRuns(server: PatchbayServer, tenantId: string, connections: { id: string; connector: string }[]) {
  const ids = connections.map((c) => c.id);
  const connectors = connections.map((c) => c.connector);
  await sql`
    insert into runs (tenant_id, connection_id, connector_id, action, connector_version, mode, status, input_hash,
      created_at, started_at, finished_at, duration_ms)
    select ${tenantId}::uuid, (${ids}::uuid[])[1 + i % ${ids.length}], (${connectors}::text[])[1 + i % ${ids.length}],
      case when i % 3 = 0 then 'list' else 'send' end, '1.0.0', case when i % 10 = 0 then 'async' else 'sync' end,
      s.status, 'seed', t.created, t.created, case when s.status in ('queued', 'running') then null else t.created + make_interval(secs => d.ms / 1000.0) end,
      case when s.status in ('queued', 'running') then null else d.ms end
    from generate_series(1, ${OVERVIEW_RUNS}) as i
    cross join lateral (select now() - make_interval(secs => i * (30 * 86400.0 / ${OVERVIEW_RUNS})) as created) t
    cross join lateral (select 20 + (i * 7919) % 400 + case when i % 50 = 0 then 3000 else 0 end as ms) d
    cross join lateral (select case
      when i < 20 then (array['queued', 'running'])[1 + i % 2]
      when i % 100 < 8 then 'failed' when i % 100 < 10 then 'dead' when i % 100 = 10 then 'cancelled'
      when i % 997 = 0 then 'queued' else 'succeeded' end as status) s`.execute(server.db);
}

export async function seedOverview(): Promise<Seeded> {
  // No action is called: the page only reads.
  const server = await startPatchbay('overview-100k', 'http://127.0.0.1:1');
  const session = await signedInOrg(server);
  const connections = CONNECTORS.flatMap((connector, k) =>
    Array.from({ length: CONNECTIONS_PER_CONNECTOR }, (_, c) => {
      const row = connectionRow(server.ring, session.org, randomUUID(), connector, c);
      const status = c === 1 ? 'needs_reauth' : c === 2 && k === 0 ? 'error' : 'active';
      return { ...row, status, name: `${connector} ${c + 1}`, last_error: status === 'active' ? null : 'upstream said 401' } as const;
    }),
  );
  await server.db.insertInto('connections').values(connections).execute();
  const started = performance.now();
  await seedRuns(
    server,
    session.org,
    connections.map((c) => ({ id: String(c.id), connector: c.connector_id })),
  );
  await sql`analyze`.execute(server.db);
  console.error(`S13 seeded ${OVERVIEW_RUNS} runs in ${Math.round(performance.now() - started)} ms`);
  return { server, session };
}

/** The Overview page's load: one `httpBatchLink` GET of its three queries, as the browser sends it. */
export function overviewRequest(session: SignedInOrg, rangeMs: number, bucket: 'hour' | 'day'): RequestSpec {
  // The page fixes its window when the range is chosen, ending a minute ahead.
  const to = new Date(Date.now() + 60_000);
  const period = { from: new Date(to.getTime() - rangeMs).toISOString(), to: to.toISOString() };
  const input = {
    0: { ...period, bucket, timeZone: 'Europe/Paris' },
    1: { status: 'needs_reauth', limit: 10 },
    2: { status: 'error', limit: 10 },
  };
  const path = `/trpc/runs.stats,connections.list,connections.list?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  return { path, headers: session.headers };
}

/** The baseline: the Runs page's first page (`runs.list`, 50 rows) on the same tenant. */
export function runsPageRequest(session: SignedInOrg): RequestSpec {
  return { path: `/trpc/runs.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`, headers: session.headers };
}

/** One side of a pair over a shared seeded server, started once and stopped when both sides have stopped. */
function sharedBench(name: string, request: (s: SignedInOrg) => RequestSpec, shared: { seeded?: Promise<Seeded>; users: number }): Bench {
  return {
    name,
    async start() {
      shared.seeded ??= seedOverview();
      shared.users++;
      const { server, session } = await shared.seeded;
      const spec = request(session);
      // A page that answers with an error (an auth or input mistake here) must not count as fast.
      const probe = await fetch(`${server.url}${spec.path}`, { headers: spec.headers });
      if (!probe.ok) throw new Error(`${name}: ${probe.status} ${(await probe.text()).slice(0, 300)}`);
      return {
        measure: (load) => closedLoop(server.url, spec, load),
        async stop() {
          if (--shared.users > 0 || !shared.seeded) return;
          const done = shared.seeded;
          shared.seeded = undefined;
          await (await done).server.stop();
        },
      };
    },
  };
}

/** The Overview load for one range (subject) and the Runs page's first page (baseline), on one seeded tenant. */
export function overviewPair(name: string, request: (s: SignedInOrg) => RequestSpec): { subject: Bench; baseline: Bench } {
  const shared: { seeded?: Promise<Seeded>; users: number } = { users: 0 };
  return { subject: sharedBench(name, request, shared), baseline: sharedBench('runs.list-one-page', runsPageRequest, shared) };
}

export const overviewRanges = {
  day: (s: SignedInOrg) => overviewRequest(s, DAY_MS, 'hour'),
  month: (s: SignedInOrg) => overviewRequest(s, 30 * DAY_MS, 'day'),
};
