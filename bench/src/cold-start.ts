/**
 * @module S9, cold start: from spawning `node apps/server/src/main.ts` to its first 200 from
 * `/readyz`, against an external (already running, already migrated) Postgres. The baseline
 * is spawning a bare node:http server to its first answer: what Node itself costs.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.ts';

const SERVER_MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));
const NODE_HELLO = fileURLToPath(new URL('./targets/node-hello.ts', import.meta.url));

const now = () => Number(process.hrtime.bigint()) / 1e6;

async function pollUntilOk(url: string, deadline: number, init?: RequestInit): Promise<void> {
  while (now() < deadline) {
    const ok = await fetch(url, init).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url} not ready in time`);
}

/** Spawns a process that prints its URL (or `READY <port>`), then times it to `path` answering 200. */
async function timeToReady(args: string[], env: NodeJS.ProcessEnv, path: string, init?: RequestInit): Promise<number> {
  const started = now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      const onData = (chunk: Buffer) => {
        out += chunk;
        const url =
          /listening on (http:\/\/\S+)/.exec(out)?.[1] ??
          (/READY (\d+)/.exec(out)?.[1] ? `http://127.0.0.1:${/READY (\d+)/.exec(out)?.[1]}` : undefined);
        if (url) resolve(url);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${out.slice(-300)}`)));
    });
    await pollUntilOk(`${origin}${path}`, started + 30_000, init);
    return now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export interface ColdStartResult {
  coldStartMs: number;
  /** Spawn to the first successful action call (API key, connection, upstream, run record). */
  firstActionMs: number;
  baselineMs: number;
  runs: number;
}

/** What a measured server needs: its environment, and the first action to call once it is up. */
export interface ColdStartTarget {
  env: NodeJS.ProcessEnv;
  firstAction: { path: string; init: RequestInit };
}

export async function measureColdStart(target: ColdStartTarget, runs: number, log: (line: string) => void): Promise<ColdStartResult> {
  const server: number[] = [];
  const firstAction: number[] = [];
  const baseline: number[] = [];
  const env = { PORT: '0', LOG_LEVEL: 'warn', PATCHBAY_WORKER: 'off', ...target.env };
  for (let i = 0; i < runs; i++) {
    baseline.push(await timeToReady([NODE_HELLO], {}, '/'));
    server.push(await timeToReady([SERVER_MAIN], env, '/readyz'));
    firstAction.push(await timeToReady([SERVER_MAIN], env, target.firstAction.path, target.firstAction.init));
    log(
      `S9 run ${i + 1}/${runs}: /readyz ${server.at(-1)?.toFixed(0)} ms, first action ${firstAction.at(-1)?.toFixed(0)} ms, bare node ${baseline.at(-1)?.toFixed(0)} ms`,
    );
  }
  return { coldStartMs: median(server), firstActionMs: median(firstAction), baselineMs: median(baseline), runs };
}
