import { cpus } from 'node:os';
import type { ColdStartResult } from './cold-start.ts';
import type { RefreshStormResult } from './patchbay/refresh-storm.ts';
import type { ScenarioResult } from './runner.ts';

interface PairFigures {
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  overheadMs: number;
  ratio: number;
  errors: number;
  baseline: { name: string; rps: number; p50Ms: number; p95Ms: number; p99Ms: number };
  /** Scenario-specific figures, e.g. S5's memory per in-flight call. */
  extra?: Record<string, number>;
}

interface RefreshStormFigures {
  calls: number;
  tokenRequests: number;
  totalMs: number;
  baselineMs: number;
  overheadMs: number;
  errors: number;
}

interface ColdStartFigures {
  coldStartMs: number;
  firstActionMs: number;
  baselineMs: number;
  overheadMs: number;
  runs: number;
}

export interface BenchReport {
  machine: { cores: number; node: string };
  scenarios: Record<string, PairFigures | ColdStartFigures | RefreshStormFigures>;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function toReport(results: ScenarioResult[], coldStart?: ColdStartResult, storm?: RefreshStormResult): BenchReport {
  const scenarios: BenchReport['scenarios'] = {};
  if (storm) {
    scenarios.S6 = {
      calls: storm.calls,
      tokenRequests: storm.tokenRequests,
      totalMs: Math.round(storm.stormMs),
      baselineMs: Math.round(storm.baselineMs),
      overheadMs: Math.round(storm.stormMs - storm.baselineMs),
      errors: storm.errors,
    };
  }
  if (coldStart) {
    scenarios.S9 = {
      coldStartMs: Math.round(coldStart.coldStartMs),
      firstActionMs: Math.round(coldStart.firstActionMs),
      baselineMs: Math.round(coldStart.baselineMs),
      overheadMs: Math.round(coldStart.coldStartMs - coldStart.baselineMs),
      runs: coldStart.runs,
    };
  }
  for (const r of results) {
    scenarios[r.id] = {
      rps: Math.round(r.subject.rps),
      p50Ms: round(r.subject.p50Ms, 3),
      p95Ms: round(r.subject.p95Ms, 3),
      p99Ms: round(r.subject.p99Ms, 3),
      overheadMs: round(r.overheadMs, 3),
      ratio: round(r.ratio, 3),
      errors: r.subject.errors,
      baseline: {
        name: r.baseline.name,
        rps: Math.round(r.baseline.rps),
        p50Ms: round(r.baseline.p50Ms, 3),
        p95Ms: round(r.baseline.p95Ms, 3),
        p99Ms: round(r.baseline.p99Ms, 3),
      },
      ...(r.subject.extra ? { extra: Object.fromEntries(Object.entries(r.subject.extra).map(([k, v]) => [k, round(v, 1)])) } : {}),
    };
  }
  return { machine: { cores: cpus().length, node: process.version }, scenarios };
}

export function toMarkdown(results: ScenarioResult[], report: BenchReport): string {
  const lines = [`Machine: ${report.machine.cores} cores, Node ${report.machine.node}`];
  if (results.length)
    lines.push(
      '',
      '| scenario | subject | req/s | p50 ms | p95 ms | p99 ms | baseline | baseline req/s | baseline p50 ms | baseline p95 ms | overhead ms (p50) | ratio (req/s) |',
      '| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    );
  for (const r of results) {
    const s = report.scenarios[r.id];
    if (!s || !('rps' in s)) continue;
    lines.push(
      `| ${r.id} ${r.title} | ${r.subject.name} | ${s.rps} | ${s.p50Ms} | ${s.p95Ms} | ${s.p99Ms} | ${s.baseline.name} | ${s.baseline.rps} | ${s.baseline.p50Ms} | ${s.baseline.p95Ms} | ${s.overheadMs} | ${s.ratio} |`,
    );
  }
  const extras = results.filter((r) => r.subject.extra);
  for (const r of extras) {
    const figures = Object.entries(r.subject.extra ?? {})
      .map(([k, v]) => `${k} ${round(v, 1)}`)
      .join(', ');
    lines.push('', `${r.id} ${r.subject.name}: ${figures}`);
  }
  const s6 = report.scenarios.S6;
  if (s6 && 'tokenRequests' in s6) {
    lines.push(
      '',
      '| scenario | calls | token requests | storm total ms | same burst, fresh token, ms | overhead ms | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| S6 refresh storm: concurrent calls on an expired token | ${s6.calls} | ${s6.tokenRequests} | ${s6.totalMs} | ${s6.baselineMs} | ${s6.overheadMs} | ${s6.errors} |`,
    );
  }
  const s9 = report.scenarios.S9;
  if (s9 && 'coldStartMs' in s9) {
    lines.push(
      '',
      '| scenario | spawn to /readyz 200, median ms | spawn to first action 200, median ms | bare node:http spawn, median ms | overhead ms (ready) | runs |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    lines.push(
      `| S9 cold start (external Postgres) | ${s9.coldStartMs} | ${s9.firstActionMs} | ${s9.baselineMs} | ${s9.overheadMs} | ${s9.runs} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
