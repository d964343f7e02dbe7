/**
 * @module Who runs the embedded cluster in a data directory. Postgres writes `postmaster.pid`
 * (its pid, the data directory, start time, port, ..., status); we write `<dataDir>.owner`
 * with the pid of the Node process that started the cluster and will stop it. A second process
 * on the same directory reads both to attach instead of starting (or stopping) a cluster.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from './process-alive.ts';

export interface RunningPostmaster {
  pid: number;
  port: number;
  /** `ready`, `starting`, `stopping`, ... as Postgres last wrote it. */
  status: string;
}

/** The live postmaster holding `dataDir`, or undefined when there is none. */
export async function runningPostmaster(dataDir: string): Promise<RunningPostmaster | undefined> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8').catch(() => '')).split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return undefined;
  return { pid, port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

const ownerFile = (dataDir: string) => `${dataDir}.owner`;

/** The pid of the live process that started the cluster, or undefined when it is gone. */
export async function clusterOwner(dataDir: string): Promise<number | undefined> {
  const pid = Number((await readFile(ownerFile(dataDir), 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : undefined;
}

export async function claimCluster(dataDir: string): Promise<void> {
  await writeFile(ownerFile(dataDir), `${process.pid}\n`, { mode: 0o600 });
}

/** Forgets our claim, if it is still ours. */
export async function releaseCluster(dataDir: string): Promise<void> {
  const pid = Number((await readFile(ownerFile(dataDir), 'utf8').catch(() => '')).trim());
  if (pid === process.pid) await rm(ownerFile(dataDir), { force: true });
}

/** Waits for a postmaster that is starting up to say it is ready. */
export async function waitUntilReady(dataDir: string, timeoutMs: number): Promise<RunningPostmaster | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = await runningPostmaster(dataDir);
    if (!running || running.status === 'ready' || Date.now() > deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
