/**
 * @module The scenarios: each measures a subject against a baseline, interleaved round by
 * round in the same run, so the figure that matters is the ratio, not the machine's speed.
 */
import { closedLoop, type RequestSpec } from './load.ts';
import { spawnTarget, type Target } from './spawn-target.ts';
import type { Sample } from './stats.ts';

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
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
}

function targetBench(name: string, spec: RequestSpec, needsUpstream = false): Bench {
  return {
    name,
    async start() {
      const upstream: Target | undefined = needsUpstream ? await spawnTarget('upstream') : undefined;
      const target = await spawnTarget(name, upstream ? { UPSTREAM_URL: upstream.url } : {});
      return {
        measure: (load) => closedLoop(target.url, spec, load),
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
];
