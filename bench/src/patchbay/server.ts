/**
 * @module A Patchbay server under test: `node apps/server/src/main.ts` (what `pnpm start`
 * runs) in its own process, on a fresh database, with the benchmark deployment config and no
 * in-process queue worker, so only the request path is measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateKeyEntry, type KeyRing, parseKeyRing } from '@patchbay/auth';
import { createKysely, createPool, type Database } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { MEMORY_REQUEST, type MemoryAnswer } from './memory-probe.ts';
import { freshDatabase } from './postgres.ts';

const MAIN = fileURLToPath(new URL('../../../apps/server/src/main.ts', import.meta.url));
const CONFIG = fileURLToPath(new URL('./bench.config.ts', import.meta.url));
const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));

export interface PatchbayServer {
  url: string;
  child: ChildProcess;
  /** The server's database, opened by the benchmark (a superuser, for seeding). */
  db: Kysely<Database>;
  ring: KeyRing;
  /** Resident memory of the server process, in bytes. */
  rss(): Promise<number>;
  /** Live memory after a full collection (heap in use + external), in bytes: memory-probe.ts. */
  liveMemory(): Promise<number>;
  stop(): Promise<void>;
}

export async function startPatchbay(label: string, upstreamUrl: string): Promise<PatchbayServer> {
  const databaseUrl = await freshDatabase(label);
  const keys = generateKeyEntry('bench1');
  // The probe answers memory questions over IPC; --expose-gc gives it the collector.
  const child = spawn(process.execPath, ['--expose-gc', '--import', PROBE, MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PATCHBAY_CONFIG: CONFIG,
      PATCHBAY_ENCRYPTION_KEYS: keys,
      PATCHBAY_WORKER: 'off',
      BENCH_UPSTREAM: upstreamUrl,
      PORT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk;
      const match = /Patchbay listening on (http:\/\/\S+)/.exec(err);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`patchbay server exited with ${code}: ${err.slice(-500)}`)));
  });
  const pool = createPool(databaseUrl, 4);
  const db = createKysely(pool);
  return {
    url,
    child,
    db,
    ring: parseKeyRing(keys),
    async rss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    liveMemory() {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.off('message', onMessage);
          reject(new Error('the server did not answer the memory probe within 10 s'));
        }, 10_000);
        const onMessage = (message: unknown) => {
          if ((message as MemoryAnswer | undefined)?.type !== MEMORY_REQUEST) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve((message as MemoryAnswer).liveBytes);
        };
        child.on('message', onMessage);
        child.send(MEMORY_REQUEST);
      });
    },
    async stop() {
      await db.destroy();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
