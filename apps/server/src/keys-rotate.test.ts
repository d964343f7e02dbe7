import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateKeyEntry, parseKeyRing } from '@patchbay/auth';
import { ActionFailed } from '@patchbay/engine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAcme, expireToken } from './testing/connect-acme.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { ok } from './testing/http-session.ts';
import { createTestEngine } from './testing/test-engine.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const OLD = generateKeyEntry('old1');
const NEW = generateKeyEntry('new2');

let provider: FakeProvider;
let server: TestServer;
let scratch: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)], ring: parseKeyRing(OLD) });
  scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-rotate-'));
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function keyIds(): Promise<string[]> {
  const { rows } = await sql<{ key: string }>`
    select split_part(credentials_sealed, '.', 2) as key from connections
    union all select split_part(client_secret_sealed, '.', 2) from oauth_apps order by 1`.execute(server.db);
  return rows.map((r) => r.key);
}

describe('pnpm patchbay keys rotate', () => {
  it('re-encrypts every secret to the new primary with progress; with the old key removed, every connection still works', async () => {
    const tenant = await connectAcme(server);
    const keyConnection = ok(
      await tenant.owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
    ).id;
    expect(await keyIds()).toEqual(['old1', 'old1', 'old1']);
    // A keyed call keeps a sealed copy of its output for replays: rotation must carry it too.
    const kept = { connectionId: keyConnection, input: { message: 'kept' }, idempotencyKey: 'before-rotation' };
    const first = ok(await tenant.owner.mutation('actions.acme-key.echo', kept));

    const { stderr } = await promisify(execFile)(process.execPath, [CLI, 'keys', 'rotate'], {
      env: { ...process.env, DATABASE_URL: server.database.url, PATCHBAY_ENCRYPTION_KEYS: `${NEW},${OLD}`, PATCHBAY_DATA_DIR: scratch },
    });
    expect(stderr).toContain('rotating connections.credentials_sealed: 2/2');
    expect(stderr).toContain('rotating oauth_apps.client_secret_sealed: 1/1');
    expect(stderr).toContain('rotating runs.output_sealed: 1/1');
    expect(stderr).toContain('done: 4 value(s) re-encrypted to key "new2". Keys "old1" can now be removed');
    expect(stderr).not.toMatch(/[A-Za-z0-9+/]{43}=/); // no key material printed
    expect(await keyIds()).toEqual(['new2', 'new2', 'new2']);

    // A process that knows only the new key: tokens, API keys and the OAuth app secret (used by refresh) all open.
    const engine = createTestEngine(server.db, {
      connectors: [acmeOAuth(provider), acmeKey(provider)],
      ring: parseKeyRing(NEW),
      publicUrl: server.url,
    });
    await expireToken(server.db, provider, tenant.connectionId);
    const call = (connectionId: string, connectorId: string, action: string, input: unknown) =>
      engine.call({ tenantId: tenant.org, connectorId, action, connectionId, input });
    expect((await call(tenant.connectionId, 'acme-oauth', 'whoami', {})).output).toEqual({ sub: 'user-1' });
    expect((await call(keyConnection, 'acme-key', 'echo', { message: 'after rotation' })).output).toMatchObject({
      message: 'after rotation',
    });
    const replayed = await engine.call({ tenantId: tenant.org, connectorId: 'acme-key', action: 'echo', ...kept });
    expect(replayed).toMatchObject({ replayed: true, output: first });
  });

  it('a ciphertext copied onto another connection row does not decrypt', async () => {
    const tenant = await connectAcme(server);
    const other = ok(
      await tenant.owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
    ).id;
    const sealed = await server.db
      .selectFrom('connections')
      .select('credentials_sealed')
      .where('id', '=', tenant.connectionId)
      .executeTakeFirstOrThrow();
    await server.db.updateTable('connections').set({ credentials_sealed: sealed.credentials_sealed }).where('id', '=', other).execute();
    const failed = await server.engine
      .call({ tenantId: tenant.org, connectorId: 'acme-key', action: 'echo', connectionId: other, input: { message: 'x' } })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ActionFailed);
    expect((failed as ActionFailed).error).toMatchObject({ code: 'CREDENTIALS_UNREADABLE' });
    const reply = await tenant.owner.mutation('actions.acme-key.echo', { connectionId: other, input: { message: 'x' } });
    expect(reply.body.error.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'CREDENTIALS_UNREADABLE' });
  });
});
