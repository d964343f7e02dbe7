/**
 * @module The load generator: undici connection pools, latency from `process.hrtime` (sub-ms).
 * `closedLoop` keeps N requests in flight; `openLoop` sends at a fixed arrival rate and
 * measures each latency from the request's scheduled time, so a stall is not hidden
 * (no coordinated omission).
 */
import { Pool } from 'undici';
import { type Sample, summarize } from './stats.ts';

export interface RequestSpec {
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

/** A fixed request, or one chosen per request number (to spread load over tenants). */
export type RequestSource = RequestSpec | ((n: number) => RequestSpec);

export const now = () => Number(process.hrtime.bigint()) / 1e6;

async function once(pool: Pool, spec: RequestSpec): Promise<boolean> {
  const res = await pool.request({ path: spec.path, method: spec.method ?? 'GET', body: spec.body, headers: spec.headers });
  await res.body.dump();
  return res.statusCode < 400;
}

const specFor = (source: RequestSource, n: number) => (typeof source === 'function' ? source(n) : source);

/** Keeps `concurrency` operations in flight for `durationMs`; any async operation, timed one by one. */
export async function closedLoopOp(
  op: (n: number) => Promise<boolean>,
  options: { concurrency: number; durationMs: number },
): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const start = now();
  const deadline = start + options.durationMs;
  const worker = async () => {
    while (now() < deadline) {
      const t0 = now();
      const ok = await op(n++).catch(() => false);
      if (ok) latencies.push(now() - t0);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return summarize(Float64Array.from(latencies), errors, now() - start);
}

export async function closedLoop(
  origin: string,
  source: RequestSource,
  options: { concurrency: number; durationMs: number },
): Promise<Sample> {
  const pool = new Pool(origin, { connections: options.concurrency, keepAliveTimeout: 60_000 });
  try {
    return await closedLoopOp((n) => once(pool, specFor(source, n)), options);
  } finally {
    await pool.close();
  }
}

export async function openLoop(
  origin: string,
  source: RequestSource,
  options: { ratePerSec: number; durationMs: number; maxConnections?: number },
): Promise<Sample> {
  const pool = new Pool(origin, { connections: options.maxConnections ?? 512, keepAliveTimeout: 60_000 });
  const total = Math.floor((options.ratePerSec * options.durationMs) / 1000);
  const interval = 1000 / options.ratePerSec;
  const latencies = new Float64Array(total);
  let done = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = now();
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      once(pool, specFor(source, i))
        .catch(() => false)
        .then((ok) => {
          if (ok) latencies[done++] = now() - scheduled;
          else errors++;
        }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = now() - start;
  await pool.close();
  return summarize(latencies.subarray(0, done), errors, elapsed);
}
