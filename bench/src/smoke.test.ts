import { afterAll, describe, expect, it } from 'vitest';
import { stopBenchPostgres } from './patchbay/postgres.ts';
import { toMarkdown, toReport } from './report.ts';
import { runScenario } from './runner.ts';
import { SCENARIOS } from './scenarios.ts';

describe('bench smoke', () => {
  afterAll(() => stopBenchPostgres());

  it('runs a tiny S1 pair end to end and reports it in the documented shape', async () => {
    const s1 = SCENARIOS.find((s) => s.id === 'S1');
    if (!s1) throw new Error('S1 missing');
    const result = await runScenario(s1, { rounds: 1, durationMs: 150, warmupMs: 50, concurrency: 2, log: () => {} });
    expect(result.subject.requests).toBeGreaterThan(0);
    expect(result.subject.errors).toBe(0);
    const report = toReport([result]);
    expect(report.scenarios.S1).toEqual(
      expect.objectContaining({
        rps: expect.any(Number),
        p50Ms: expect.any(Number),
        p95Ms: expect.any(Number),
        p99Ms: expect.any(Number),
        overheadMs: expect.any(Number),
        ratio: expect.any(Number),
      }),
    );
    const s1Figures = report.scenarios.S1;
    expect(s1Figures && 'p50Ms' in s1Figures && s1Figures.p50Ms).toBeGreaterThan(0);
    expect(toMarkdown([result], report)).toContain('| S1 physical limit');
  });

  it("S5 reads live memory per call in flight through the server's memory probe, next to RSS growth", async () => {
    const s5 = SCENARIOS.find((s) => s.id === 'S5');
    if (!s5) throw new Error('S5 missing');
    const result = await runScenario(s5, { rounds: 1, durationMs: 300, warmupMs: 100, concurrency: 2, log: () => {} });
    expect(result.subject.errors).toBe(0);
    const extra = result.subject.extra ?? {};
    // 256 calls in flight hold some memory, and far less than a MiB each.
    expect(extra.memoryPerInFlightKb).toBeGreaterThan(0);
    expect(extra.memoryPerInFlightKb).toBeLessThan(1024);
    expect(extra.rssGrowthPerInFlightKb).toBeGreaterThanOrEqual(0);
    expect(extra.peakRssMb).toBeGreaterThan(0);
  });
});
