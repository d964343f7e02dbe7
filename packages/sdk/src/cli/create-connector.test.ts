import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createConnector, runCreateConnector, sdkPackageVersion } from './create-connector.ts';

const run = promisify(execFile);

async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
const sdkDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = path.resolve(sdkDir, '../..');
const requireFromSdk = createRequire(path.join(sdkDir, 'package.json'));
const packageDir = (name: string) => path.dirname(requireFromSdk.resolve(`${name}/package.json`));

/** Links what the scaffolded package's devDependencies would install, from this workspace. */
async function linkDependencies(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'node_modules/@patchbay'), { recursive: true });
  await symlink(sdkDir, path.join(dir, 'node_modules/@patchbay/sdk'));
  for (const name of ['zod', 'vitest']) await symlink(packageDir(name), path.join(dir, 'node_modules', name));
}

async function runTests(dir: string): Promise<{ code: number; output: string }> {
  const vitest = path.join(packageDir('vitest'), 'vitest.mjs');
  try {
    const { stdout, stderr } = await run(process.execPath, [vitest, 'run', '--root', dir], {
      cwd: dir,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('pnpm create-connector', () => {
  it('writes a connector that typechecks and passes its conformance tests with no edits', async () => {
    const dir = await createConnector('acme-crm', { dir: await makeTempDir('scaffold'), standalone: true });
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: '@patchbay/connector-acme-crm',
      peerDependencies: { '@patchbay/sdk': expect.stringMatching(/^\^0\./) },
      exports: { '.': { types: './dist/index.d.ts' } },
    });
    await linkDependencies(dir);
    await run(path.join(repoRoot, 'node_modules/.bin/tsc'), ['-p', path.join(dir, 'tsconfig.json')]);
    const result = await runTests(dir);
    expect(result.output).toMatch(/Tests\s+\d+ passed/);
    expect(result.code).toBe(0);
  });

  it('the same suite fails a connector whose action has no fixture', async () => {
    const dir = await createConnector('broken-one', { dir: await makeTempDir('scaffold'), standalone: true });
    await linkDependencies(dir);
    const test = path.join(dir, 'src/index.test.ts');
    await writeFile(test, (await readFile(test, 'utf8')).replace(/fixtures: \{[\s\S]*\n {2}\},\n\}\);/, 'fixtures: {},\n});'));
    const result = await runTests(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('has a fixture for every action');
  });

  it('refuses a name that is not kebab-case, and an existing directory', async () => {
    const dir = await makeTempDir('scaffold');
    await expect(createConnector('Acme CRM', { dir, standalone: false })).rejects.toThrow('is not a kebab-case name');
    await createConnector('twice', { dir, standalone: false });
    await expect(createConnector('twice', { dir, standalone: false })).rejects.toThrow('already exists');
  });

  it('publishes under the chosen scope, against this SDK version, with a README that installs it', async () => {
    const dir = await createConnector('acme-crm', { dir: await makeTempDir('scaffold'), scope: '@acme' });
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    const sdk = JSON.parse(await readFile(path.join(sdkDir, 'package.json'), 'utf8'));
    expect(sdkPackageVersion()).toBe(sdk.version);
    expect(pkg.name).toBe('@acme/connector-acme-crm');
    expect(pkg.peerDependencies['@patchbay/sdk']).toBe(`^${sdk.version}`);
    expect(JSON.stringify(pkg)).not.toContain('workspace:');
    const readme = await readFile(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toContain("import { defineConfig } from '@patchbay/engine';");
    expect(readme).toContain("import { acmeCrm } from '@acme/connector-acme-crm';");
    expect(readme).toContain('pnpm add -w ./acme-connector-acme-crm-0.1.0.tgz');
  });

  it('answers --help, and refuses a bad scope in one line', async () => {
    const out: string[] = [];
    const io = { write: (s: string) => out.push(s), fail: (s: string) => out.push(`ERR ${s}`) };
    expect(await runCreateConnector(['--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/^usage: create-connector <name> \[--scope @acme\]/);
    out.length = 0;
    expect(await runCreateConnector(['acme', '--scope', 'acme', '--dir', await makeTempDir('scaffold')], io)).toBe(1);
    expect(out).toEqual(['ERR create-connector: "acme" is not an npm scope (like @acme)\n']);
  });
});
