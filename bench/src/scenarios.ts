/**
 * @module The scenarios: each measures a subject against a baseline, interleaved round by
 * round in the same run, so the figure that matters is the ratio, not the machine's speed.
 */
import { closedLoop, openLoop, type RequestSpec } from './load.ts';
import { oauthConnect, oauthExchange, patchbayAction } from './patchbay/benches.ts';
import { overviewPair, overviewRanges } from './patchbay/overview.ts';
import { patchbayHookReceipts } from './patchbay/webhook-receipts.ts';
import { spawnTarget, type Target } from './spawn-target.ts';
import type { Sample } from './stats.ts';

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  /** When set, an open loop at this arrival rate instead of a closed loop. */
  ratePerSec?: number;
}

/** One side of a pair: something that can be loaded and measured. */
export interface Bench {
  name: string;
  start(): Promise<{ measure(load: LoadOptions): Promise<Sample>; stop(): Promise<void> }>;
}

export interface Scenario {
  id: string;
  title: string;
  subject: Bench;
  baseline: Bench;
  /** Overrides of the run's load settings for this scenario. */
  load?: Partial<LoadOptions>;
}

function targetBench(
  name: string,
  spec: RequestSpec,
  needsUpstream = false,
  upstreamEnv: Record<string, string> = {},
  label = name,
): Bench {
  return {
    name: label,
    async start() {
      const upstream: Target | undefined = needsUpstream ? await spawnTarget('upstream', upstreamEnv) : undefined;
      const target = await spawnTarget(name, upstream ? { UPSTREAM_URL: upstream.url } : {});
      return {
        measure: (load) =>
          load.ratePerSec
            ? openLoop(target.url, spec, { ratePerSec: load.ratePerSec, durationMs: load.durationMs })
            : closedLoop(target.url, spec, load),
        async stop() {
          await target.stop();
          await upstream?.stop();
        },
      };
    },
  };
}

const json = { 'content-type': 'application/json' };
const nodeHello = targetBench('node-hello', { path: '/' });
const honoHello = targetBench('hono-hello', { path: '/' });
const honoUpstream = targetBench('hono-upstream', { path: '/', method: 'POST', body: '{"channel":"C1","text":"hi"}', headers: json }, true);
const honoUpstream50 = targetBench(
  'hono-upstream',
  { path: '/', method: 'POST', body: '{"channel":"C1","text":"hi"}', headers: json },
  true,
  { LATENCY_MS: '50' },
  'hono-upstream-50ms',
);
const trpcConstant = targetBench('trpc-constant', { path: '/trpc/hello' });

export const SCENARIOS: Scenario[] = [
  { id: 'S0', title: 'calibration: Hono hello vs node:http hello', subject: honoHello, baseline: nodeHello },
  {
    id: 'S1',
    title: 'physical limit: Hono + undici.request to the fake upstream vs Hono hello',
    subject: honoUpstream,
    baseline: honoHello,
  },
  { id: 'S2', title: 'tRPC tax: a constant procedure vs Hono hello', subject: trpcConstant, baseline: honoHello },
  {
    id: 'S3',
    title: 'the product: a full action call (API key, tenant scope, decrypt, validate, upstream, run record) vs S1',
    subject: patchbayAction('patchbay-action', { tenants: 1, connectionsPerTenant: 1 }),
    baseline: honoUpstream,
  },
  {
    id: 'S3-1',
    title: 'S3 at one connection (one call at a time): the overhead per call vs S1',
    subject: patchbayAction('patchbay-action', { tenants: 1, connectionsPerTenant: 1 }),
    baseline: honoUpstream,
    load: { concurrency: 1 },
  },
  {
    id: 'S4',
    title: 'S3 at a fixed 1,000 calls/s (open loop, no coordinated omission) vs S1 at the same rate',
    subject: patchbayAction('patchbay-action', { tenants: 1, connectionsPerTenant: 1 }),
    baseline: honoUpstream,
    load: { ratePerSec: 1000 },
  },
  {
    id: 'S5',
    title: 'upstream delay 50 ms, 256 in flight: our overhead stays flat (extra: memory per in-flight call)',
    subject: patchbayAction('patchbay-action-50ms', { tenants: 1, connectionsPerTenant: 1, latencyMs: 50 }),
    baseline: honoUpstream50,
    load: { concurrency: 256 },
  },
  {
    id: 'S7',
    title: 'OAuth connects per second (authorize + callback + code exchange + sealed save) vs the bare code exchange',
    subject: oauthConnect,
    baseline: oauthExchange,
    load: { concurrency: 16 },
  },
  {
    id: 'S10',
    title: 'signed webhook receipts (Stripe signature checked on the raw bytes, event stored durably) vs S1',
    subject: patchbayHookReceipts('patchbay-hooks'),
    baseline: honoUpstream,
  },
  {
    id: 'S10-500',
    title: 'S10 at a fixed 500 events/s (open loop): receiving keeps up, p99 under 50 ms',
    subject: patchbayHookReceipts('patchbay-hooks-500'),
    baseline: honoUpstream,
    load: { ratePerSec: 500 },
  },
  {
    id: 'S11',
    title: 'MCP tax: the S3 action as an MCP tools/call vs the same call over tRPC, one at a time (p50 difference)',
    subject: patchbayAction('patchbay-action-mcp', { tenants: 1, connectionsPerTenant: 1, surface: 'mcp' }),
    baseline: patchbayAction('patchbay-action', { tenants: 1, connectionsPerTenant: 1 }),
    load: { concurrency: 1 },
  },
  {
    id: 'S12',
    title: 'REST tax: the S3 action as POST /v1/actions/bench-key/send vs the same call over tRPC, one at a time',
    subject: patchbayAction('patchbay-action-rest', { tenants: 1, connectionsPerTenant: 1, surface: 'rest' }),
    baseline: patchbayAction('patchbay-action', { tenants: 1, connectionsPerTenant: 1 }),
    load: { concurrency: 1 },
  },
  {
    id: 'S13',
    title:
      'Overview at 100k runs: the page load (runs.stats 24h + attention lists, one batched GET, session) vs runs.list one page, one viewer',
    ...overviewPair('overview-24h', overviewRanges.day),
    load: { concurrency: 1 },
  },
  {
    id: 'S13-30d',
    title: 'S13 with the Overview range at 30 days: every one of the 100k runs counted',
    ...overviewPair('overview-30d', overviewRanges.month),
    load: { concurrency: 1 },
  },
  {
    id: 'S8',
    title: 'scale: 1,000 tenants and 100k connections vs 1 tenant and 1k connections',
    subject: patchbayAction('patchbay-1000-tenants', { tenants: 1000, connectionsPerTenant: 100 }),
    baseline: patchbayAction('patchbay-1-tenant', { tenants: 1, connectionsPerTenant: 1000 }),
  },
];
