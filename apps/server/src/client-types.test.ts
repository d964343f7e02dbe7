/**
 * `pnpm patchbay client-types`: the emitted AppRouter is used as a frontend in another repository
 * would use it. A scratch project outside the workspace installs only the packed @patchbay/client
 * and its peers (tRPC) from the registry, and type-checks calls against the generated file.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const tsc = path.join(root, 'node_modules/.bin/tsc');
const clientDir = path.join(root, 'packages/client');

let work: string;
let app: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'patchbay-client-types-'));
  app = path.join(work, 'frontend');
  await mkdir(app);
  await mkdir(path.join(work, 'pack'));
  await exec('pnpm', ['pack', '--pack-destination', path.join(work, 'pack')], { cwd: clientDir });
  const tarball = (await readdir(path.join(work, 'pack'))).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack wrote no tarball');
  const trpc = JSON.parse(await readFile(path.join(clientDir, 'package.json'), 'utf8')).peerDependencies;
  await writeFile(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'frontend',
      private: true,
      type: 'module',
      dependencies: { '@patchbay/client': `file:${path.join(work, 'pack', tarball)}`, ...trpc },
    }),
  );
  await exec('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: app });
  await exec(process.execPath, [CLI, 'client-types', '--out', path.join(app, 'patchbay-router.d.ts')], { cwd: root });
}, 240_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(path.join(clientDir, 'dist'), { recursive: true, force: true });
});

/** Type-checks `source` in the frontend; returns tsc's output ('' when it compiles). */
async function typecheck(source: string): Promise<string> {
  await writeFile(path.join(app, 'main.ts'), source);
  await writeFile(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'nodenext', target: 'es2024', lib: ['esnext', 'dom'], strict: true, noEmit: true, types: [] },
      include: ['main.ts', 'patchbay-router.d.ts'],
    }),
  );
  return exec(tsc, ['-p', 'tsconfig.json'], { cwd: app }).then(
    () => '',
    (error: { stdout?: string }) => String(error.stdout ?? error),
  );
}

const header = `import { createPatchbayClient, isPatchbayClientError } from '@patchbay/client';
import type { AppRouter } from './patchbay-router.js';
const patchbay = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
`;

// Needs no database: the suite's DATABASE_URL passes would only repeat it.
describe.skipIf(process.env.DATABASE_URL)('pnpm patchbay client-types', () => {
  it('writes a file that names no server package', async () => {
    const text = await readFile(path.join(app, 'patchbay-router.d.ts'), 'utf8');
    expect(text).not.toMatch(/@patchbay\/(api|db|engine|sdk)|from 'zod'|import\(/);
    expect(text).toContain("import type { RouterFromShape } from '@patchbay/client';");
  });

  it('types correct calls, outputs and errors in a project with only @patchbay/client', async () => {
    const output = await typecheck(`${header}
const sent = await patchbay.actions.slack.postMessage.mutate({ connectionId: 'c', input: { channel: 'C1', text: 'hi' } });
const ts: string = sent.ts;
const runs = await patchbay.runs.list.query({ status: 'failed' });
const cursor: string | null = runs.nextCursor;
const version: string = (await patchbay.system.version.query()).version;
try {
  await patchbay.actions.stripe.retrieveBalance.mutate({ connectionId: 'c', input: {} });
} catch (error) {
  if (isPatchbayClientError<AppRouter>(error) && error.data?.reason === 'RATE_LIMITED') console.log(error.data.retryAfterMs);
}
console.log(ts, cursor, version);
`);
    expect(output).toBe('');
  });

  it('refuses a wrong input and a misspelled action', async () => {
    const output = await typecheck(`${header}
await patchbay.actions.slack.postMessage.mutate({ connectionId: 'c', input: { channel: 42, text: 'hi' } });
await patchbay.actions.slack.postMesage.mutate({ connectionId: 'c', input: { channel: 'C1', text: 'hi' } });
`);
    expect(output).toMatch(/main\.ts\(5,.*error TS2322: Type 'number' is not assignable to type 'string'/);
    expect(output).toMatch(/main\.ts\(6,.*error TS2551: Property 'postMesage' does not exist/);
  });

  it('refuses an --out that is not a declaration file, in one line', async () => {
    await expect(exec(process.execPath, [CLI, 'client-types', '--out', 'router.ts'], { cwd: root })).rejects.toMatchObject({
      code: 1,
      stderr: 'patchbay: --out must name a .d.ts file, got router.ts\n',
    });
  });
});
