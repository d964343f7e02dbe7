import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SpawnedProcess {
  child: ChildProcess;
  /** What `ready` matched in its stderr. */
  match: RegExpExecArray;
  stderr: () => string;
  /** Everything it wrote to stdout (its JSON log) so far. */
  stdout: () => string;
  exited: Promise<number | null>;
  /** SIGTERM (unless it already exited); resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Spawns one of the server's entry points (or, given an absolute path, another copy's) and
 * resolves once its stderr matches `ready`, or rejects when it exits first.
 */
export function spawnEntry(entry: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<SpawnedProcess> {
  const file = path.isAbsolute(entry) ? entry : fileURLToPath(new URL(`../${entry}`, import.meta.url));
  const child = spawn(process.execPath, [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk;
      const match = ready.exec(err);
      if (match) {
        resolve({
          child,
          match,
          stderr: () => err,
          stdout: () => out,
          exited,
          stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    exited.then((code) => reject(new Error(`${entry} exited with ${code}: ${err}`)));
  });
}
