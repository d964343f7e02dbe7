export interface Sample {
  requests: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Scenario-specific figures (memory per in-flight call, ...). */
  extra?: Record<string, number>;
}

/** The q-quantile (0..1) of latencies in milliseconds, nearest-rank. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function summarize(latenciesMs: Float64Array, errors: number, elapsedMs: number): Sample {
  const sorted = latenciesMs.slice().sort();
  return {
    requests: sorted.length,
    errors,
    rps: (sorted.length / elapsedMs) * 1000,
    p50Ms: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    p99Ms: quantile(sorted, 0.99),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The median of each figure across rounds. */
export function medianSample(samples: Sample[]): Sample {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s.extra ?? {})))];
  const extra = Object.fromEntries(keys.map((k) => [k, median(samples.map((s) => s.extra?.[k] ?? Number.NaN))]));
  return {
    ...(keys.length ? { extra } : {}),
    requests: median(samples.map((s) => s.requests)),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    rps: median(samples.map((s) => s.rps)),
    p50Ms: median(samples.map((s) => s.p50Ms)),
    p95Ms: median(samples.map((s) => s.p95Ms)),
    p99Ms: median(samples.map((s) => s.p99Ms)),
  };
}
