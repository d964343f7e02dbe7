import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyEntry } from '@patchbay/auth';
import { processAlive as alive, findFreePort } from '@patchbay/db';
import { createTestDatabase, makeTempDir, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, ok } from './testing/http-session.ts';
import { spawnServer } from './testing/spawn-server.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

// Where spawned servers keep local state (a development key ring) unless a test says otherwise.
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-main-test-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return { ...env, LOG_LEVEL: 'warn', PORT: '0', PATCHBAY_DATA_DIR: scratch, ...extra };
}

describe('pnpm start (embedded Postgres)', () => {
  it('starts, serves, keeps data across restarts and leaves no postgres behind on SIGINT', async () => {
    const dataDir = await makeTempDir('patchbay-start');
    const env = baseEnv({ PATCHBAY_DATA_DIR: dataDir });

    const first = await spawnServer(env);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    const pgPid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(pgPid)).toBe(true);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(alive(pgPid)).toBe(false);

    const second = await spawnServer({ ...env, LOG_LEVEL: 'info' });
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    // The cluster was reused: nothing was initialised or migrated the second time.
    expect(second.stdout()).toContain('"applied":[]');
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    // Two initdb-or-attach starts of a real cluster: about 20 s alone, past 30 s on a loaded machine.
  }, 120_000);
});

describe('pnpm start (DATABASE_URL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it('migrates an external database and reports ready', async () => {
    const server = await spawnServer(baseEnv({ DATABASE_URL: t.url }));
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('fails in one line, without a stack or the password, when the database is unreachable', async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, [MAIN], {
      env: baseEnv({ DATABASE_URL: `postgres://app:s3cret-pw@127.0.0.1:${port}/x` }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toBe(`patchbay: cannot reach the database at postgres://app:***@127.0.0.1:${port}/x (ECONNREFUSED)\n`);
  });

  it('fails in one line when the port is taken', async () => {
    const holder = await spawnServer(baseEnv({ DATABASE_URL: t.url }));
    const port = new URL(holder.url).port;
    try {
      const child = spawn(process.execPath, [MAIN], {
        env: baseEnv({ DATABASE_URL: t.url, PORT: port }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk;
      });
      expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
      expect(err).toBe(`patchbay: port ${port} on 127.0.0.1 is already in use (set PORT to another port)\n`);
    } finally {
      holder.child.kill('SIGTERM');
      await holder.exited;
    }
  });

  it('fails in one line on bad configuration', async () => {
    const child = spawn(process.execPath, [MAIN], { env: baseEnv({ PORT: 'abc' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(err).toMatch(/^patchbay: invalid configuration: PORT [^\n]+\n$/);
  });

  it('refuses a patchbay.config.ts with a bad connector, in one line naming it', async () => {
    const config = fileURLToPath(new URL('./testing/fixtures/duplicate.config.ts', import.meta.url));
    const child = spawn(process.execPath, [MAIN], {
      env: baseEnv({ DATABASE_URL: t.url, PATCHBAY_CONFIG: config }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(err.split('\n').filter((line) => line.startsWith('patchbay:'))).toEqual([
      'patchbay: duplicate.config.ts: connector "acme-key" is installed twice',
    ]);
  });

  it('loads the connectors of patchbay.config.ts and serves their catalog', async () => {
    const server = await spawnServer(baseEnv({ DATABASE_URL: t.url }));
    try {
      const user = new HttpSession(server.url);
      expect((await user.query('connectors.list')).status).toBe(401);
      const email = `catalog-${Date.now()}@example.com`;
      ok(await user.mutation('auth.signUp', { email, password: 'a long unusual phrase' }));
      // Sign-up answers "check your email" and sets no session; an unverified account may still sign in.
      ok(await user.mutation('auth.signIn', { email, password: 'a long unusual phrase' }));
      const catalog = ok(await user.query('connectors.list'));
      expect(catalog.map((c: { id: string }) => c.id)).toEqual([
        'gmail',
        'slack',
        'github',
        'stripe',
        'discord',
        'twilio-sms',
        'smtp',
        'linkedin',
        'tiktok-ads',
        'google-ads',
        'whatsapp',
        'facebook-pages',
        'instagram',
        'shopify',
        'x',
        'reddit',
        'youtube',
        'tiktok',
      ]);
      // Every action of every installed connector is in the catalog with JSON Schemas for its input and output.
      for (const connector of catalog as { id: string; actions: { name: string; inputSchema?: unknown; outputSchema?: unknown }[] }[]) {
        expect(connector.actions.length, connector.id).toBeGreaterThan(0);
        for (const action of connector.actions)
          expect([connector.id, action.name, action.inputSchema, action.outputSchema]).toEqual([
            connector.id,
            action.name,
            expect.objectContaining({ type: 'object' }),
            expect.objectContaining({ type: 'object' }),
          ]);
      }
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('refuses to start in production without PATCHBAY_ENCRYPTION_KEYS, in one line', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: baseEnv({ DATABASE_URL: t.url, NODE_ENV: 'production' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(err).toBe('patchbay: PATCHBAY_ENCRYPTION_KEYS is required in production (generate one with `pnpm patchbay keys generate`)\n');
  });

  it('refuses to start in production without PATCHBAY_SMTP_URL, in one line (account mail would be lost)', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: baseEnv({ DATABASE_URL: t.url, NODE_ENV: 'production', PATCHBAY_ENCRYPTION_KEYS: generateKeyEntry() }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(err).toBe(
      'patchbay: PATCHBAY_SMTP_URL is required in production: sign-up verification, password reset and invitations send mail (e.g. smtps://user:pass@smtp.example.com)\n',
    );
  });
});
