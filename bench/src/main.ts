/**
 * @module `pnpm bench [--only S1,S3] [--rounds 3] [--seconds 2] [--warmup 1] [--concurrency 32]`: runs the
 * scenarios on 127.0.0.1, prints markdown tables and writes bench/results/latest.{md,json}.
 * S0-S5, S7, S8, S10-S13 are interleaved pairs; S6 (refresh storm) and S9 (cold start) run on their own.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runColdStart } from './cold-start-scenario.ts';
import { stopBenchPostgres } from './patchbay/postgres.ts';
import { runRefreshStorm } from './patchbay/refresh-storm.ts';
import { toMarkdown, toReport } from './report.ts';
import { runScenario, type ScenarioResult } from './runner.ts';
import { SCENARIOS } from './scenarios.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '2' },
    // Seconds of load on each side before the first round. V8 is still compiling the server's
    // hot path for the first seconds (docs/perf/s3-profile-after.md): a longer warm-up measures
    // the steady state instead.
    warmup: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '32' },
    out: { type: 'string', default: new URL('../results/', import.meta.url).pathname },
  },
});

const KNOWN = [...SCENARIOS.map((s) => s.id), 'S6', 'S9'];
const wanted = values.only?.split(',').map((s) => s.trim().toUpperCase());
// Ids are matched without regard to case (`s13-30d` names S13-30d).
const unknown = wanted?.filter((id) => !KNOWN.some((k) => k.toUpperCase() === id)) ?? [];
if (unknown.length) {
  console.error(`bench: unknown scenario(s) ${unknown.join(', ')}; known: ${KNOWN.join(', ')}`);
  process.exit(2);
}
for (const [name, positive] of [
  ['rounds', true],
  ['seconds', true],
  ['warmup', false],
  ['concurrency', true],
] as const) {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    console.error(`bench: --${name} takes a ${positive ? 'positive' : 'non-negative'} number, not "${values[name]}"`);
    process.exit(2);
  }
}
const selected = SCENARIOS.filter((s) => !wanted || wanted.includes(s.id.toUpperCase()));
const options = {
  rounds: Number(values.rounds),
  durationMs: Number(values.seconds) * 1000,
  warmupMs: Number(values.warmup) * 1000,
  concurrency: Number(values.concurrency),
  log: (line: string) => console.error(line),
};

const results: ScenarioResult[] = [];
let storm: Awaited<ReturnType<typeof runRefreshStorm>> | undefined;
let coldStart: Awaited<ReturnType<typeof runColdStart>> | undefined;
try {
  for (const scenario of selected) {
    results.push(await runScenario(scenario, options));
    if (scenario.id === 'S5' && (!wanted || wanted.includes('S6'))) storm = await runRefreshStorm(options.rounds, 1000, options.log);
  }
  if (!storm && (!wanted || wanted.includes('S6'))) storm = await runRefreshStorm(options.rounds, 1000, options.log);
  coldStart = !wanted || wanted.includes('S9') ? await runColdStart(5, options.log) : undefined;
} finally {
  await stopBenchPostgres();
}
const report = toReport(results, coldStart, storm);
const markdown = toMarkdown(results, report);
await mkdir(values.out, { recursive: true });
await writeFile(`${values.out}/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
await writeFile(`${values.out}/latest.md`, markdown);
console.log(markdown);
