/**
 * @module Building the dashboard from the server: `pnpm start` calls `ensureDashboardBuilt()`,
 * which runs Vite's build when `dist/` is missing or older than any source, so a fresh clone
 * serves the dashboard with no extra command.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export const DASHBOARD_ROOT = import.meta.dirname;
export const DASHBOARD_DIST = path.join(DASHBOARD_ROOT, 'dist');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json'];

async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of await readdir(entry)) newest = Math.max(newest, await newestMtime(path.join(entry, child)));
  return newest;
}

/** True when `outDir` has no index.html or one older than the newest source file. */
export async function dashboardIsStale(outDir = DASHBOARD_DIST): Promise<boolean> {
  let built: number;
  try {
    built = (await stat(path.join(outDir, 'index.html'))).mtimeMs;
  } catch {
    return true;
  }
  for (const source of SOURCES) if ((await newestMtime(path.join(DASHBOARD_ROOT, source))) > built) return true;
  return false;
}

/** Vite's production build into `outDir`, in this process (build-cli.ts runs it in a child). */
export async function viteBuild(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(DASHBOARD_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** Runs build-cli.ts in a child process with NODE_ENV=production. */
function buildInChild(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    // A child, not an import: Vite and React follow NODE_ENV (Vitest sets `test`, which would
    // ship React's development build), and the server keeps no bundler in its memory.
    const child = spawn(process.execPath, [path.join(DASHBOARD_ROOT, 'build-cli.ts'), '--into', outDir], {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`dashboard build failed (exit ${code}): ${stderr.trim().slice(-2000)}`)),
    );
  });
}

/**
 * Builds the dashboard (hashed assets under `assets/`) into a fresh directory next to
 * `outDir`, then swaps it in: a server already serving `outDir`, or another process building
 * at the same moment (several servers started together), never sees a half-written build.
 */
export async function buildDashboard(outDir = DASHBOARD_DIST): Promise<void> {
  const fresh = `${outDir}.${process.pid}-${randomUUID()}`;
  try {
    await buildInChild(fresh);
    const old = `${fresh}.old`;
    await rename(outDir, old).catch(() => undefined);
    await rename(fresh, outDir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process swapped its (identical) build in between: keep that one.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

/** Builds when stale; answers whether it built. */
export async function ensureDashboardBuilt(outDir = DASHBOARD_DIST): Promise<boolean> {
  if (!(await dashboardIsStale(outDir))) return false;
  await buildDashboard(outDir);
  return true;
}
