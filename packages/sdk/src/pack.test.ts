/**
 * The packed artifacts, as a stranger would get them, outside the workspace: the packed
 * `create-patchbay-connector` scaffolds a connector under a chosen scope; that package's own
 * `npm install`, `npm test` (its conformance suite) and `npm pack` work; the SDK and the packed
 * connector then install from their tarballs into a scratch project (dependencies from the
 * registry), import, and typecheck against `dist`. The published SDK is the only stand-in: it
 * is not on the registry, so its tarball is named where the registry range would be.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const tsc = path.resolve(sdkDir, '../../node_modules/.bin/tsc');
const npmInstall = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
const scaffolderDir = path.resolve(sdkDir, '../create-patchbay-connector');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'patchbay-pack-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(path.join(sdkDir, 'dist'), { recursive: true, force: true });
});

async function tarballIn(dir: string): Promise<string> {
  const file = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  if (!file) throw new Error(`no tarball in ${dir}`);
  return path.join(dir, file);
}

// Needs no database: the suite's DATABASE_URL passes would only repeat it.
describe.skipIf(process.env.DATABASE_URL)('packed SDK and connector', () => {
  it('install and import in a scratch project, with types resolving from dist', async () => {
    await mkdir(path.join(work, 'sdk-pack'));
    // pnpm, not npm: its pack applies publishConfig, which points exports at dist.
    await exec('pnpm', ['pack', '--pack-destination', path.join(work, 'sdk-pack')], { cwd: sdkDir });
    const sdkTarball = await tarballIn(path.join(work, 'sdk-pack'));

    await mkdir(path.join(work, 'scaffolder-pack'));
    await exec('pnpm', ['pack', '--pack-destination', path.join(work, 'scaffolder-pack')], { cwd: scaffolderDir });
    const scaffolderTarball = await tarballIn(path.join(work, 'scaffolder-pack'));

    // What `npm create patchbay-connector@latest acme-crm -- --scope @acme` runs.
    const tools = path.join(work, 'tools');
    await mkdir(tools);
    await writeFile(
      path.join(tools, 'package.json'),
      JSON.stringify({
        name: 'tools',
        private: true,
        dependencies: { 'create-patchbay-connector': `file:${scaffolderTarball}`, '@patchbay/sdk': `file:${sdkTarball}` },
        overrides: { '@patchbay/sdk': '$@patchbay/sdk' },
      }),
    );
    await exec('npm', npmInstall, { cwd: tools });
    const scaffold = path.join(tools, 'node_modules/.bin/create-patchbay-connector');
    expect((await exec(scaffold, ['--help'])).stdout).toContain('usage: create-connector <name> [--scope @acme]');
    const sdkHelp = await exec(path.join(tools, 'node_modules/.bin/patchbay-sdk'), ['--help']);
    expect(sdkHelp.stdout).toContain('npx @patchbay/sdk create-connector <name>');
    await exec(scaffold, ['acme-crm', '--scope', '@acme', '--dir', work], { cwd: tools });
    const plugin = path.join(work, 'acme-crm');

    const pkgFile = path.join(plugin, 'package.json');
    const pkg = JSON.parse(await readFile(pkgFile, 'utf8'));
    expect(pkg.name).toBe('@acme/connector-acme-crm');
    expect(JSON.stringify(pkg)).not.toContain('workspace:');
    pkg.devDependencies['@patchbay/sdk'] = `file:${sdkTarball}`;
    await writeFile(pkgFile, JSON.stringify(pkg));
    await exec('npm', npmInstall, { cwd: plugin });
    const tests = await exec('npm', ['test'], { cwd: plugin, env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(tests.stdout).toMatch(/src\/index\.test\.ts \(\d+ tests\)/);
    expect(tests.stdout).toMatch(/Tests\s+\d+ passed/);
    await mkdir(path.join(work, 'plugin-pack'));
    // Not --ignore-scripts: prepack builds dist with the package's own TypeScript.
    await exec('npm', ['pack', '--pack-destination', path.join(work, 'plugin-pack')], { cwd: plugin });
    const pluginTarball = await tarballIn(path.join(work, 'plugin-pack'));
    expect(path.basename(pluginTarball)).toBe('acme-connector-acme-crm-0.1.0.tgz');

    const app = path.join(work, 'app');
    await mkdir(app);
    await writeFile(
      path.join(app, 'package.json'),
      JSON.stringify({
        name: 'scratch',
        private: true,
        type: 'module',
        dependencies: { '@patchbay/sdk': `file:${sdkTarball}`, '@acme/connector-acme-crm': `file:${pluginTarball}`, zod: '^4.0.0' },
      }),
    );
    await exec('npm', npmInstall, { cwd: app });
    await writeFile(
      path.join(app, 'main.ts'),
      `import { describeConnector, type inferActionOutput } from '@patchbay/sdk';
import { acmeCrm } from '@acme/connector-acme-crm';
const ok: inferActionOutput<typeof acmeCrm, 'getStatus'> = { status: 'up' };
// @ts-expect-error status is a string: this line only compiles if the types did not resolve
const wrong: inferActionOutput<typeof acmeCrm, 'getStatus'> = { status: 1 };
console.log(JSON.stringify({ actions: describeConnector(acmeCrm).actions.map((a) => a.name), status: ok.status, wrong: typeof wrong }));
`,
    );
    await writeFile(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2024',
          strict: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          skipLibCheck: true,
          types: [],
        },
        include: ['main.ts'],
      }),
    );
    await exec(tsc, ['-p', 'tsconfig.json'], { cwd: app }).catch((error: { stdout?: string }) => {
      throw new Error(`the scratch project does not typecheck:\n${error.stdout ?? String(error)}`);
    });
    const { stdout } = await exec(process.execPath, ['main.ts'], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ actions: ['getStatus'], status: 'up', wrong: 'object' });
  }, 300_000);
});
