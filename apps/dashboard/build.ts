/**
 * @module Building the dashboard from the server: `pnpm start` calls `ensureDashboardBuilt()`,
 * which runs Vite's build when `dist/` is missing or older than any source, so a fresh clone
 * serves the dashboard with no extra command.
 */
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

/**
 * Runs Vite's production build (hashed assets under `assets/`) into a fresh directory next to
 * `outDir`, then swaps it in: a server already serving `outDir`, or another process building
 * at the same moment (several servers started together), never sees a half-written build.
 */
export async function buildDashboard(outDir = DASHBOARD_DIST): Promise<void> {
  // Loaded only when a build is due: serving a built dashboard needs no Vite in memory.
  const { build } = await import('vite');
  const fresh = `${outDir}.${process.pid}-${randomUUID()}`;
  try {
    await build({ configFile: path.join(DASHBOARD_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
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
