import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('../worker-main.ts', import.meta.url));

export interface SpawnedWorker {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/** Spawns `pnpm worker`'s entry point; resolves once it says it is running. */
export function spawnWorker(env: NodeJS.ProcessEnv): Promise<SpawnedWorker> {
  const child = spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('Patchbay worker running')) resolve({ child, exited, output: () => out });
    });
    exited.then((code) => reject(new Error(`worker exited with ${code}: ${out}`)));
  });
}
