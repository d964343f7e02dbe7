/**
 * A third-party connector, packed as its author would (`npm pack`), installed into a deployment
 * with the one documented command (`pnpm add -w ./<tarball>`), added to patchbay.config.ts and
 * served by that deployment's real server. The deployment is a copy of this repository in a
 * temp directory, so the test changes nothing here. The connector's API is a local fake that
 * the deployment reaches through the PATCHBAY_BASE_URLS override.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { createConnector } from '@patchbay/sdk/create-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { type SpawnedProcess, spawnEntry } from './testing/spawn-process.ts';
import { logOutbox } from './testing/test-accounts.ts';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const requireFromSdk = createRequire(path.join(root, 'packages/sdk/package.json'));

let work: string;
let deploy: string;
let upstream: Server;
let t: TestDatabase;
let server: SpawnedProcess | undefined;
const seenKeys: (string | undefined)[] = [];

/** The repository as a fresh clone would have it (tracked and new files, nothing ignored). */
async function copyRepository(to: string): Promise<void> {
  const { stdout } = await exec('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const list = path.join(work, 'files');
  await writeFile(list, stdout);
  await exec('tar', ['--null', '-T', list, '-cf', path.join(work, 'repo.tar')], { cwd: root });
  await mkdir(to);
  await exec('tar', ['-xf', path.join(work, 'repo.tar')], { cwd: to });
}

/** Scaffolds @acme/connector-acme-crm, builds it against this SDK and packs it; returns the tarball's name. */
async function packConnector(): Promise<string> {
  const dir = await createConnector('acme-crm', { dir: work, scope: '@acme' });
  await mkdir(path.join(dir, 'node_modules/@patchbay'), { recursive: true });
  await symlink(path.join(root, 'packages/sdk'), path.join(dir, 'node_modules/@patchbay/sdk'));
  await symlink(path.dirname(requireFromSdk.resolve('zod/package.json')), path.join(dir, 'node_modules/zod'));
  await exec(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: dir });
  await exec('npm', ['pack', '--ignore-scripts', '--pack-destination', deploy], { cwd: dir });
  return 'acme-connector-acme-crm-0.1.0.tgz';
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'patchbay-install-'));
  deploy = path.join(work, 'deployment');
  await copyRepository(deploy);
  await exec('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: deploy });
  const tarball = await packConnector();
  // The documented command, as the scaffolded README gives it.
  await exec('pnpm', ['add', '-w', `./${tarball}`], { cwd: deploy });
  const configFile = path.join(deploy, 'patchbay.config.ts');
  const config = await readFile(configFile, 'utf8');
  await writeFile(
    configFile,
    `import { acmeCrm } from '@acme/connector-acme-crm';\n${config.replace('connectors: [', 'connectors: [acmeCrm, ')}`,
  );
  upstream = createServer((req, res) => {
    seenKeys.push(req.headers['x-api-key'] as string | undefined);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: `up at ${req.url}` }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  t = await createTestDatabase();
}, 240_000);
afterAll(async () => {
  await server?.stop();
  if (upstream) await new Promise((resolve) => upstream.close(resolve));
  await t?.destroy();
  await rm(work, { recursive: true, force: true });
});

describe('installing a packed third-party connector into a deployment', () => {
  it("resolves the connector's @patchbay/sdk peer to the deployment's own copy", async () => {
    const installed = await realpath(path.join(deploy, 'node_modules/@acme/connector-acme-crm/package.json'));
    const sdkOfConnector = await realpath(createRequire(installed).resolve('@patchbay/sdk'));
    expect(sdkOfConnector).toBe(await realpath(path.join(deploy, 'packages/sdk/src/index.ts')));
  });

  it("serves the connector's actions through the deployment's server", async () => {
    const port = (upstream.address() as AddressInfo).port;
    const main = path.join(deploy, 'apps/server/src/main.ts');
    server = await spawnEntry(
      main,
      {
        ...process.env,
        DATABASE_URL: t.url,
        PORT: '0',
        LOG_LEVEL: 'warn',
        PATCHBAY_DATA_DIR: path.join(work, 'data'),
        PATCHBAY_CONFIG: path.join(deploy, 'patchbay.config.ts'),
        PATCHBAY_BASE_URLS: `acme-crm=http://127.0.0.1:${port}`,
      },
      /Patchbay listening on (http:\/\/\S+)/,
    );
    const url = server.match[1] ?? '';
    const user = new HttpSession(url);
    await signUpVerified(user, logOutbox(server.stdout), `install-${Date.now()}@example.com`);
    const owner = user.withOrg(ok(await user.mutation('orgs.create', { name: 'Acme' })).id);
    const service = HttpSession.withApiKey(url, ok(await owner.mutation('apiKeys.create', { name: 'backend' })).key);
    const catalog = ok(await service.query('connectors.list'));
    expect(catalog.map((c: { id: string }) => c.id)).toContain('acme-crm');
    const connection = ok(await service.mutation('connections.create', { connectorId: 'acme-crm', credentials: { apiKey: 'acme-key-1' } }));
    const output = ok(await service.mutation('actions.acme-crm.getStatus', { connectionId: connection.id, input: {} }));
    expect(output).toEqual({ status: 'up at /status' });
    expect(seenKeys).toContain('acme-key-1');
  });
});
