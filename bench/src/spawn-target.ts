import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Target {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `targets/<name>.ts` in its own Node process and waits for its `READY <port>`. */
export function spawnTarget(name: string, env: Record<string, string> = {}): Promise<Target> {
  const file = fileURLToPath(new URL(`./targets/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      const port = /READY (\d+)/.exec(out)?.[1];
      if (port) {
        resolve({
          url: `http://127.0.0.1:${port}`,
          process: child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`bench target ${name} exited with ${code} before it was ready`)));
  });
}
