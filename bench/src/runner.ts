import type { Bench, LoadOptions, Scenario } from './scenarios.ts';
import { medianSample, type Sample } from './stats.ts';

export interface RunOptions extends LoadOptions {
  rounds: number;
  warmupMs: number;
  log: (line: string) => void;
}

export interface ScenarioResult {
  id: string;
  title: string;
  subject: { name: string } & Sample;
  baseline: { name: string } & Sample;
  /** subject p50 minus baseline p50. */
  overheadMs: number;
  /** subject throughput over baseline throughput. */
  ratio: number;
}

type Running = Awaited<ReturnType<Bench['start']>>;

/** Runs baseline and subject alternately (A, B, A, B ...) and takes the medians. */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const sides: [Bench, Running][] = [];
  options = { ...options, ...scenario.load };
  try {
    for (const bench of [scenario.baseline, scenario.subject]) sides.push([bench, await bench.start()]);
    for (const [, running] of sides) await running.measure({ ...options, durationMs: options.warmupMs });
    const samples: Sample[][] = [[], []];
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, [bench, running]] of sides.entries()) {
        const sample = await running.measure(options);
        samples[index]?.push(sample);
        options.log(
          `${scenario.id} round ${round + 1}/${options.rounds} ${bench.name}: ${Math.round(sample.rps)} req/s, p50 ${sample.p50Ms.toFixed(2)} ms, p95 ${sample.p95Ms.toFixed(2)} ms, p99 ${sample.p99Ms.toFixed(2)} ms${sample.errors ? `, ${sample.errors} errors` : ''}`,
        );
      }
    }
    const baseline = medianSample(samples[0] ?? []);
    const subject = medianSample(samples[1] ?? []);
    return {
      id: scenario.id,
      title: scenario.title,
      subject: { name: scenario.subject.name, ...subject },
      baseline: { name: scenario.baseline.name, ...baseline },
      overheadMs: subject.p50Ms - baseline.p50Ms,
      ratio: subject.rps / baseline.rps,
    };
  } finally {
    for (const [, running] of sides) await running.stop();
  }
}
