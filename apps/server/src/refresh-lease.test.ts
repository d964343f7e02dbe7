/**
 * The refresh lease (REVIEW #17): no row lock or transaction is held while the token endpoint
 * answers, and a holder that died stops blocking others when its lease ends. The token endpoint
 * sits behind a local proxy that can hold a request, so "while it answers" is a real moment.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineConnector, oauth2 } from '@patchbay/sdk';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAcme, expireToken } from './testing/connect-acme.ts';
import { type FakeProvider, startFakeProvider } from './testing/fake-provider.ts';
import { acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let provider: FakeProvider;
let server: TestServer;
let proxy: Server;
/** While set, token requests wait for it. */
let gate: Promise<void> | undefined;
let held: (() => void) | undefined;

async function startTokenProxy(target: string): Promise<string> {
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      held?.();
      await gate;
      const answer = await fetch(`${target}/token`, {
        method: 'POST',
        headers: Object.fromEntries(
          ['authorization', 'content-type'].flatMap((h) => (req.headers[h] ? [[h, String(req.headers[h])]] : [])),
        ),
        body: Buffer.concat(chunks),
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  provider = await startFakeProvider();
  const base = acmeOAuth(provider);
  const tokenUrl = `${await startTokenProxy(provider.issuer)}/token`;
  server = await startTestServer({ connectors: [defineConnector({ ...base, auth: oauth2({ ...base.auth, tokenUrl }) })] });
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
  proxy?.close();
});

const refreshes = () => provider.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;

async function setup() {
  const tenant = await connectAcme(server);
  const service = HttpSession.withApiKey(server.url, tenant.apiKey);
  await expireToken(server.db, provider, tenant.connectionId);
  const whoami = () => service.mutation('actions.acme-oauth.whoami', { connectionId: tenant.connectionId, input: {} });
  return { whoami, connectionId: tenant.connectionId };
}

describe('refresh lease', () => {
  it('holds no row lock or transaction while the token endpoint answers', async () => {
    const { whoami, connectionId } = await setup();
    let open = () => {};
    gate = new Promise((resolve) => {
      open = resolve;
    });
    const arrived = new Promise<void>((resolve) => {
      held = resolve;
    });
    const call = whoami();
    await arrived;
    try {
      // The old refresher held FOR NO KEY UPDATE here: NOWAIT would fail with lock_not_available.
      const locked = await server.db.transaction().execute((tx) =>
        sql<{ owner: string | null }>`select refresh_lock_owner as owner from connections
          where id = ${connectionId} for update nowait`.execute(tx),
      );
      // The lease, not a lock, says a refresh is under way.
      expect(locked.rows[0]?.owner).toEqual(expect.any(String));
      const inTransaction = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state like 'idle in transaction%'`.execute(server.db);
      expect(inTransaction.rows[0]?.n).toBe(0);
    } finally {
      open();
      gate = undefined;
      held = undefined;
    }
    expect(ok(await call)).toEqual({ sub: 'user-1' });
    const leases = await sql<{ n: number }>`select count(*)::int as n from connections where refresh_lock_owner is not null`.execute(
      server.db,
    );
    expect(leases.rows[0]?.n).toBe(0);
  });

  it("a crashed holder's lease expires: the next caller refreshes once it ends", async () => {
    const { whoami, connectionId } = await setup();
    await sql`update connections set refresh_lock_owner = ${randomUUID()}, refresh_lock_until = now() + interval '1 second'
      where id = ${connectionId}`.execute(server.db);
    const count = refreshes();
    const started = Date.now();
    expect(ok(await whoami())).toEqual({ sub: 'user-1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(refreshes()).toBe(count + 1);
  });
});
