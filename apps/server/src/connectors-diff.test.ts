import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const MODULES = fileURLToPath(new URL('../node_modules', import.meta.url));
const exec = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}
async function diff(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI, 'connectors', 'diff', ...args], {
      env: { ...process.env, npm_config_offline: 'true' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let root: string;
/** Writes a connector package, as its author would, whose createContact input is `input`. */
async function connectorPackage(name: string, version: string, input: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: '@acme/connector-crm', version, type: 'module', exports: { '.': './src/index.ts' } }),
  );
  await writeFile(
    join(dir, 'src', 'index.ts'),
    `import { defineAction, defineConnector, none } from '@patchbay/sdk';
import { z } from 'zod';
const createContact = defineAction({
  description: 'Create a contact',
  input: ${input},
  output: z.object({ id: z.string(), email: z.string() }),
  run: async () => ({ id: 'c1', email: 'a@b.co' }),
});
export const crm = defineConnector({
  id: 'acme-crm', name: 'Acme CRM', version: '${version}', description: 'fixture', auth: none(),
  baseUrls: ['https://api.acme-crm.test'], actions: { createContact },
});
export default crm;
`,
  );
  return dir;
}

let v1: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'patchbay-diff-test-'));
  // The fixtures import @patchbay/sdk and zod as a connector package would, from the server's deps.
  await symlink(MODULES, join(root, 'node_modules'), 'dir');
  v1 = await connectorPackage('v1', '1.0.0', 'z.object({ email: z.email(), name: z.string() })');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('pnpm patchbay connectors diff', () => {
  it('fails on a removed required input field without a major bump, naming it in one line', async () => {
    const next = await connectorPackage('v1-1', '1.1.0', 'z.object({ email: z.email() })');
    const out = await diff(v1, next);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('BREAKING createContact input.name: field removed\n');
    expect(out.stderr).toContain('error: breaking changes need a new major version (1.0.0 → 1.1.0)');
  });

  it('passes the same change under a new major', async () => {
    const next = await connectorPackage('v2', '2.0.0', 'z.object({ email: z.email() })');
    const out = await diff(v1, next);
    expect([out.code, out.stdout]).toEqual([
      0,
      'BREAKING createContact input.name: field removed\nok: breaking changes under a new major (1.0.0 → 2.0.0)\n',
    ]);
  });

  it('passes a new optional field in a minor, and fails a new required one', async () => {
    const optional = await connectorPackage(
      'opt',
      '1.1.0',
      'z.object({ email: z.email(), name: z.string(), phone: z.string().optional() })',
    );
    expect(await diff(v1, optional)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('minor    createContact input.phone: new optional field'),
    });
    const required = await connectorPackage('req', '1.2.0', 'z.object({ email: z.email(), name: z.string(), phone: z.string() })');
    expect(await diff(v1, required)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('BREAKING createContact input.phone: new required field'),
    });
  });

  it('reads a packed .tgz as the old version', async () => {
    const packed = join(root, 'crm-1.0.0.tgz');
    await mkdir(join(root, 'pack'), { recursive: true });
    await exec('cp', ['-r', v1, join(root, 'pack', 'package')]);
    await exec('tar', ['-czf', packed, '-C', join(root, 'pack'), 'package']);
    const next = await connectorPackage('v1-3', '1.3.0', 'z.object({ email: z.string(), name: z.string() })');
    const out = await diff(packed, next);
    expect([out.code, out.stdout]).toEqual([0, 'ok: no breaking change (1.0.0 → 1.3.0)\n']);
  });

  it('--previous skips with a message when no published version can be fetched (offline)', async () => {
    const out = await diff('--previous', v1);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^skipped: (could not fetch|@acme\/connector-crm has no published version)/);
  });

  it('refuses bad arguments with usage and exit 2, and a missing package in one line', async () => {
    expect(await diff(v1)).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: connectors diff') });
    expect(await diff(v1, join(root, 'nope'))).toMatchObject({
      code: 1,
      stderr: `patchbay: No such file or directory: ${join(root, 'nope')}\n`,
    });
  });
});
