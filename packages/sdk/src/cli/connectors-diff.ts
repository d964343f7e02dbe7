#!/usr/bin/env node
/**
 * @module `connectors diff <old> <new>`: the breaking-change check between two versions of a
 * connector package (directories or packed `.tgz` files). Prints one line per finding and exits
 * 1 when a change is breaking and the major version did not grow. `--previous [dir]` compares
 * `dir` (default `.`) with its last published version, for `prepublishOnly`; when none can be
 * fetched (never published, offline) it says so and exits 0.
 */
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { diffConnectors, formatDiff } from '../compat/connector-diff.ts';
import { type LoadedPackage, loadConnectorPackage } from '../compat/load-connector-package.ts';
import { describeConnector } from '../describe.ts';

const run = promisify(execFile);
export const CONNECTORS_DIFF_USAGE = 'usage: connectors diff <old.tgz|dir> <new.tgz|dir> | connectors diff --previous [dir]';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

async function compare(oldSource: string, newSource: string, resolveFrom: string, io: CommandIo): Promise<number> {
  const loaded: LoadedPackage[] = [];
  try {
    for (const source of [oldSource, newSource]) loaded.push(await loadConnectorPackage(source, { resolveFrom }));
    const [old, next] = loaded.map((p) => describeConnector(p.connector));
    if (!old || !next) return 2;
    const diff = diffConnectors(old, next);
    for (const line of formatDiff(diff)) (diff.ok ? io.out : io.err)(line);
    return diff.ok ? 0 : 1;
  } finally {
    for (const p of loaded) await p.dispose();
  }
}

/** Fetches the last published version of the package in `dir` and compares `dir` with it. */
async function compareWithPrevious(dir: string, io: CommandIo): Promise<number> {
  const { name } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: string };
  if (!name) throw new Error(`${dir}/package.json has no name`);
  let version: string;
  try {
    version = (await run('npm', ['view', name, 'version'], { cwd: dir, timeout: 30_000 })).stdout.trim();
  } catch (error) {
    const text = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
    io.out(
      /E404/.test(text)
        ? `skipped: ${name} has no published version to compare with`
        : `skipped: could not fetch the last published version of ${name} (offline?); run connectors diff before publishing`,
    );
    return 0;
  }
  if (!version) {
    io.out(`skipped: ${name} has no published version to compare with`);
    return 0;
  }
  const temp = await mkdtemp(join(tmpdir(), 'patchbay-previous-'));
  try {
    const packed = (
      await run('npm', ['pack', `${name}@${version}`, '--pack-destination', temp, '--silent'], { cwd: dir, timeout: 60_000 })
    ).stdout
      .trim()
      .split('\n')
      .at(-1);
    if (!packed) throw new Error(`npm pack ${name}@${version} wrote no file`);
    return await compare(join(temp, packed), dir, dir, io);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Runs the command with the arguments after `connectors diff`; resolves with the exit code.
 *
 * @example
 * process.exitCode = await connectorsDiffCommand(['./acme-crm-1.0.0.tgz', '.'], { out: console.log, err: console.error });
 */
export async function connectorsDiffCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const [first, second, ...rest] = args;
  if (first === '--previous' && rest.length === 0) return compareWithPrevious(resolve(second ?? '.'), io);
  if (!first || !second || first.startsWith('-') || rest.length > 0) {
    io.err(CONNECTORS_DIFF_USAGE);
    return 2;
  }
  // A tarball's imports resolve through the directory given, else through the current one.
  const resolveFrom = [second, first].find((s) => !s.endsWith('.tgz')) ?? process.cwd();
  return compare(first, second, resolveFrom, io);
}

// Run as a script or through the `patchbay-connectors-diff` bin (a symlink, hence the realpath).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const io: CommandIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
  const args = process.argv.slice(2);
  connectorsDiffCommand(args[0] === 'diff' ? args.slice(1) : args, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.err(`connectors diff: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
      process.exitCode = 2;
    },
  );
}
