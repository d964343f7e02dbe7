import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Spawns `node main.ts` (what `pnpm start` runs) and resolves once it prints its URL, or rejects when it exits. */
export function spawnServer(env: NodeJS.ProcessEnv): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk;
      const match = /Patchbay listening on (http:\/\/\S+)/.exec(err);
      if (match?.[1]) {
        resolve({
          child,
          url: match[1],
          stderr: () => err,
          exited,
          stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    exited.then((code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}
