/**
 * The packed artifacts, as a stranger would get them: the SDK and a scaffolded connector are
 * packed, installed from their tarballs into a project outside the workspace (with their
 * dependencies from the registry), imported, and typechecked against `dist`.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from './cli/create-connector.ts';

const exec = promisify(execFile);
const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const tsc = path.resolve(sdkDir, '../../node_modules/.bin/tsc');
const npmInstall = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];

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

describe('packed SDK and connector', () => {
  it('install and import in a scratch project, with types resolving from dist', async () => {
    await mkdir(path.join(work, 'sdk-pack'));
    // pnpm, not npm: its pack applies publishConfig, which points exports at dist.
    await exec('pnpm', ['pack', '--pack-destination', path.join(work, 'sdk-pack')], { cwd: sdkDir });
    const sdkTarball = await tarballIn(path.join(work, 'sdk-pack'));

    const plugin = await createConnector('acme-crm', { dir: work, standalone: true });
    const pkgFile = path.join(plugin, 'package.json');
    const pkg = JSON.parse(await readFile(pkgFile, 'utf8'));
    pkg.devDependencies = { '@patchbay/sdk': `file:${sdkTarball}`, zod: pkg.devDependencies.zod };
    await writeFile(pkgFile, JSON.stringify(pkg));
    await exec('npm', npmInstall, { cwd: plugin });
    await exec(tsc, ['-p', 'tsconfig.build.json'], { cwd: plugin });
    await mkdir(path.join(work, 'plugin-pack'));
    await exec('npm', ['pack', '--ignore-scripts', '--pack-destination', path.join(work, 'plugin-pack')], { cwd: plugin });
    const pluginTarball = await tarballIn(path.join(work, 'plugin-pack'));

    const app = path.join(work, 'app');
    await mkdir(app);
    await writeFile(
      path.join(app, 'package.json'),
      JSON.stringify({
        name: 'scratch',
        private: true,
        type: 'module',
        dependencies: { '@patchbay/sdk': `file:${sdkTarball}`, '@patchbay/connector-acme-crm': `file:${pluginTarball}`, zod: '^4.0.0' },
      }),
    );
    await exec('npm', npmInstall, { cwd: app });
    await writeFile(
      path.join(app, 'main.ts'),
      `import { describeConnector, type inferActionOutput } from '@patchbay/sdk';
import { acmeCrm } from '@patchbay/connector-acme-crm';
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
  }, 240_000);
});
