/**
 * @module Benches that run the real Patchbay server: action calls spread over seeded tenants
 * and connections, and OAuth connects through /oauth/authorize and /oauth/callback.
 */
import { Pool } from 'undici';
import { closedLoop, closedLoopOp, openLoop, type RequestSpec } from '../load.ts';
import type { Bench } from '../scenarios.ts';
import { spawnTarget } from '../spawn-target.ts';
import type { Sample } from '../stats.ts';
import { seedTenants } from './seed.ts';
import { startPatchbay } from './server.ts';
import { signedInOrg } from './session.ts';

const BODY_INPUT = { channel: 'C1', text: 'hi' };

export interface ActionBenchOptions {
  tenants: number;
  connectionsPerTenant: number;
  /** Upstream response delay. */
  latencyMs?: number;
  /** The surface the same action is called through (default tRPC). */
  surface?: 'trpc' | 'rest' | 'mcp';
}

/** The body of one call of `bench-key.send` through each surface. */
const SURFACE_BODY = {
  trpc: (connectionId: string | undefined) => JSON.stringify({ connectionId, input: BODY_INPUT }),
  rest: (connectionId: string | undefined) => JSON.stringify({ connectionId, input: BODY_INPUT }),
  // Stateless MCP: a bare tools/call, as an agent's client sends after its one initialize.
  mcp: (connectionId: string | undefined, n: number) =>
    JSON.stringify({
      jsonrpc: '2.0',
      id: n,
      method: 'tools/call',
      params: { name: 'bench-key__send', arguments: { connectionId, ...BODY_INPUT } },
    }),
};
const SURFACE_PATH = { trpc: '/trpc/actions.bench-key.send', rest: '/v1/actions/bench-key/send', mcp: '/mcp' };

/** `actions.bench-key.send` with an API key, round-robin over tenants and their connections. */
export function patchbayAction(name: string, options: ActionBenchOptions): Bench {
  return {
    name,
    async start() {
      const upstream = await spawnTarget('upstream', options.latencyMs ? { LATENCY_MS: String(options.latencyMs) } : {});
      const server = await startPatchbay(name, upstream.url);
      const tenants = await seedTenants(server.db, server.ring, {
        tenants: options.tenants,
        connectionsPerTenant: options.connectionsPerTenant,
      });
      const surface = options.surface ?? 'trpc';
      const requests: RequestSpec[] = tenants.map((t) => ({
        path: SURFACE_PATH[surface],
        method: 'POST',
        headers: {
          authorization: `Bearer ${t.apiKey}`,
          'content-type': 'application/json',
          ...(surface === 'mcp' ? { accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' } : {}),
        },
        body: '',
      }));
      const spec = (n: number): RequestSpec => {
        const index = n % tenants.length;
        const tenant = tenants[index];
        const connectionId = tenant?.connections[Math.floor(n / tenants.length) % tenant.connections.length];
        return { ...(requests[index] as RequestSpec), body: SURFACE_BODY[surface](connectionId, n) };
      };
      /**
       * Live memory (after a full collection) half way through an extra second of the same load,
       * less live memory at rest, per call in flight. Read outside the round, whose figures the
       * collection would otherwise pause.
       */
      const liveMemoryPerCall = async (concurrency: number): Promise<number> => {
        const atRest = await server.liveMemory();
        const loading = closedLoop(server.url, spec, { concurrency, durationMs: 1_000 });
        await new Promise((resolve) => setTimeout(resolve, 500));
        const loaded = await server.liveMemory();
        await loading;
        return Math.max(0, loaded - atRest) / 1024 / concurrency;
      };
      return {
        async measure(load): Promise<Sample> {
          const idle = await server.rss();
          let peak = idle;
          const poll = setInterval(() => {
            void server.rss().then((rss) => {
              peak = Math.max(peak, rss);
            });
          }, 100);
          try {
            const sample = load.ratePerSec
              ? await openLoop(server.url, spec, { ratePerSec: load.ratePerSec, durationMs: load.durationMs })
              : await closedLoop(server.url, spec, load);
            // Memory per in-flight call only means something when many calls are in flight at a
            // fixed number (S5).
            if (load.ratePerSec || load.concurrency < 64) return { ...sample, extra: { peakRssMb: peak / 1024 / 1024 } };
            return {
              ...sample,
              extra: {
                memoryPerInFlightKb: await liveMemoryPerCall(load.concurrency),
                // The figure S5 reported before stop 27: how far RSS grew in the round, mostly V8 growing its heap.
                rssGrowthPerInFlightKb: Math.max(0, peak - idle) / 1024 / load.concurrency,
                peakRssMb: peak / 1024 / 1024,
              },
            };
          } finally {
            clearInterval(poll);
          }
        },
        async stop() {
          await server.stop();
          await upstream.stop();
        },
      };
    },
  };
}

/** One OAuth connect: authorize (session cookie) -> state -> callback (code exchange at the upstream, sealed save). */
export const oauthConnect: Bench = {
  name: 'patchbay-oauth-connect',
  async start() {
    const upstream = await spawnTarget('upstream');
    const server = await startPatchbay('oauth-connect', upstream.url);
    const { cookie, org } = await signedInOrg(server);
    const origin = new URL(server.url);
    return {
      async measure(load) {
        const pool = new Pool(origin.origin, { connections: load.concurrency, keepAliveTimeout: 60_000 });
        try {
          return await closedLoopOp(async () => {
            const authorize = await pool.request({ path: `/oauth/bench-oauth/authorize?org=${org}`, method: 'GET', headers: { cookie } });
            await authorize.body.dump();
            const location = authorize.headers.location;
            const state = typeof location === 'string' ? new URL(location).searchParams.get('state') : null;
            // The callback needs the flow cookie authorize set, as a browser would send it.
            const setCookie = authorize.headers['set-cookie'];
            const flowCookie = (Array.isArray(setCookie) ? setCookie : [setCookie ?? ''])
              .map((line) => line.split(';')[0] ?? '')
              .find((pair) => /^(__Host-)?patchbay_oauth=/.test(pair));
            if (authorize.statusCode !== 302 || !state || !flowCookie) return false;
            const callback = await pool.request({
              path: `/oauth/callback?code=bench-code&state=${encodeURIComponent(state)}`,
              method: 'GET',
              headers: { cookie: flowCookie },
            });
            await callback.body.dump();
            return callback.statusCode === 302 && String(callback.headers.location).includes('connection_id=');
          }, load);
        } finally {
          await pool.close();
        }
      },
      async stop() {
        await server.stop();
        await upstream.stop();
      },
    };
  },
};

/** The bare code exchange: a form POST to the fake token endpoint. */
export const oauthExchange: Bench = {
  name: 'upstream-code-exchange',
  async start() {
    const upstream = await spawnTarget('upstream');
    const spec: RequestSpec = {
      path: '/oauth/token',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=bench-code&client_id=bench-client&client_secret=bench-client-secret&redirect_uri=x',
    };
    return {
      measure: (load) => closedLoop(upstream.url, spec, load),
      stop: () => upstream.stop(),
    };
  },
};
