/**
 * @module Loads a connector package for the breaking-change check: a directory, or a packed
 * `.tgz` extracted to a temporary directory. Its entry is the package's `exports['.']` (or
 * `main`), falling back to `src/index.ts` when the built file is absent. A tarball has no
 * dependencies of its own, so its `node_modules` links to the nearest one around `resolveFrom`
 * (the package being published), which holds `@patchbay/sdk` and `zod`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { AnyConnector } from '../define.ts';

const run = promisify(execFile);

export interface LoadedPackage {
  connector: AnyConnector;
  /** Removes the temporary directory a tarball was extracted to. */
  dispose: () => Promise<void>;
}

function entryOf(pkg: { exports?: unknown; main?: unknown }): string | undefined {
  const root =
    pkg.exports && typeof pkg.exports === 'object' && '.' in pkg.exports ? (pkg.exports as Record<string, unknown>)['.'] : pkg.exports;
  if (typeof root === 'string') return root;
  if (root && typeof root === 'object') {
    const conditions = root as Record<string, unknown>;
    for (const key of ['import', 'default', 'node']) if (typeof conditions[key] === 'string') return conditions[key] as string;
  }
  return typeof pkg.main === 'string' ? pkg.main : undefined;
}

function looksLikeConnector(value: unknown): value is AnyConnector {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.version === 'string' && !!v.actions && typeof v.actions === 'object';
}

function nearestNodeModules(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules');
    if (dirname(dir) === dir) return undefined;
  }
}

async function importConnector(dir: string): Promise<AnyConnector> {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { exports?: unknown; main?: unknown; name?: string };
  const declared = entryOf(pkg);
  const candidates = [declared, 'src/index.ts', 'index.ts'].filter((p): p is string => p !== undefined).map((p) => join(dir, p));
  const entry = candidates.find((file) => existsSync(file));
  if (!entry) throw new Error(`${pkg.name ?? dir}: no entry file (tried ${candidates.join(', ')})`);
  const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const found = [mod.default, ...Object.values(mod)].find(looksLikeConnector);
  if (!found) throw new Error(`${pkg.name ?? dir}: ${entry} exports no connector`);
  return found;
}

/**
 * @example
 * const { connector, dispose } = await loadConnectorPackage('./acme-crm-1.2.0.tgz', { resolveFrom: '.' });
 */
export async function loadConnectorPackage(source: string, options: { resolveFrom?: string } = {}): Promise<LoadedPackage> {
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new Error(`No such file or directory: ${source}`);
  if (info.isDirectory()) return { connector: await importConnector(resolve(source)), dispose: async () => {} };
  const temp = await mkdtemp(join(tmpdir(), 'patchbay-diff-'));
  try {
    await run('tar', ['-xzf', resolve(source), '-C', temp]);
    const modules = nearestNodeModules(options.resolveFrom ?? process.cwd());
    if (modules) await symlink(modules, join(temp, 'node_modules'), 'dir');
    // npm and pnpm pack everything under `package/`.
    const root = existsSync(join(temp, 'package', 'package.json')) ? join(temp, 'package') : temp;
    return { connector: await importConnector(root), dispose: () => rm(temp, { recursive: true, force: true }) };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
