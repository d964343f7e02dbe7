/**
 * F9: processes sharing one embedded data directory. A `pnpm worker` and a second `pnpm start`
 * beside a running server attach to its cluster and never stop it; only the server that
 * started the cluster stops it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { processAlive as alive } from '@patchbay/db';
import { makeTempDir } from '@patchbay/db/testing';
import { describe, expect, it } from 'vitest';
import { HttpSession, ok } from './testing/http-session.ts';
import { spawnServer } from './testing/spawn-server.ts';
import { spawnWorker } from './testing/spawn-worker.ts';

function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return { ...env, LOG_LEVEL: 'warn', PORT: '0', PATCHBAY_DATA_DIR: dataDir };
}

const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

describe('one embedded data directory, several processes (F9)', () => {
  it('pnpm worker and a second pnpm start attach to the running cluster; stopping them leaves the first server serving', async () => {
    const dataDir = await makeTempDir('patchbay-shared');
    const env = embeddedEnv(dataDir);
    const server = await spawnServer(env);
    try {
      const pgPid = postmasterPid(dataDir);
      const user = new HttpSession(server.url);
      ok(await user.mutation('auth.signUp', { email: 'shared@example.com', password: 'a long unusual phrase' }));
      ok(await user.mutation('auth.signIn', { email: 'shared@example.com', password: 'a long unusual phrase' }));

      const worker = await spawnWorker(env);
      const second = await spawnServer(env);
      // Both use the same cluster: the account made through the first server signs in through the second.
      ok(await new HttpSession(second.url).mutation('auth.signIn', { email: 'shared@example.com', password: 'a long unusual phrase' }));
      expect(postmasterPid(dataDir)).toBe(pgPid);

      expect(await worker.stop()).toBe(0);
      expect(await second.stop()).toBe(0);
      expect(alive(pgPid)).toBe(true);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect(ok(await user.query('auth.me')).user.email).toBe('shared@example.com');

      expect(await server.stop()).toBe(0);
      expect(alive(pgPid)).toBe(false);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
