/**
 * The passthrough proxy end to end: real server, real Postgres, the fake provider on 127.0.0.1
 * (oauth2-mock-server for tokens). A GET and a POST reach the provider with the connection's
 * credentials and leave `proxy` run records without bodies; absolute URLs and escaping paths are
 * refused before anything is sent; a token the provider refuses is refreshed exactly once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AcmeTenant, connectAcme } from '../testing/connect-acme.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from '../testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from '../testing/fixtures/acme-connectors.ts';
import { ok } from '../testing/http-session.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let provider: FakeProvider;
let server: TestServer;
let tenant: AcmeTenant;
let keyConnection: string;
let proxyKey: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)] });
  tenant = await connectAcme(server);
  keyConnection = ok(
    await tenant.owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
  ).id;
  proxyKey = ok(await tenant.owner.mutation('apiKeys.create', { name: 'proxy', scopes: ['proxy'] })).key;
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});

const proxy = (connectionId: string, path: string, init: RequestInit = {}, key = proxyKey) =>
  fetch(`${server.url}/proxy/${connectionId}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });

async function runOf(response: Response) {
  const runId = response.headers.get('patchbay-run-id') ?? '';
  return ok(await tenant.owner.query('runs.get', { id: runId }));
}

describe('/proxy/:connectionId/*', () => {
  it('sends a GET and a POST with the connection credentials, and records each as a proxy run without bodies', async () => {
    const got = await proxy(keyConnection, '/me');
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual({ ok: true });
    expect(await runOf(got)).toMatchObject({
      action: 'proxy',
      channel: 'proxy',
      status: 'succeeded',
      input: { method: 'GET', path: '/me' },
      output: { status: 200 },
    });

    const posted = await proxy(keyConnection, '/echo', {
      method: 'POST',
      body: JSON.stringify({ message: 'secret-body-text' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({ message: 'secret-body-text' });
    const run = await runOf(posted);
    expect(run).toMatchObject({ action: 'proxy', input: { method: 'POST', path: '/echo' }, output: { status: 200 } });
    expect(JSON.stringify(run)).not.toContain('secret-body-text');
    expect(JSON.stringify(run)).not.toContain(GOOD_API_KEY);
  });

  it('keeps the bodies in the run record when asked, scrubbed of the connection credentials', async () => {
    const posted = await proxy(keyConnection, '/echo', {
      method: 'POST',
      body: JSON.stringify({ message: 'kept-body-text', leaked: GOOD_API_KEY }),
      headers: { 'content-type': 'application/json', 'x-patchbay-record-bodies': 'true' },
    });
    expect(posted.status).toBe(200);
    const run = await runOf(posted);
    expect(run).toMatchObject({
      input: { method: 'POST', path: '/echo', body: { message: 'kept-body-text' } },
      output: { status: 200, body: { message: 'kept-body-text' } },
    });
    expect(JSON.stringify(run)).not.toContain(GOOD_API_KEY);
  });

  it('refuses absolute URLs and paths escaping the base URL before anything is sent', async () => {
    const before = [...provider.apiCalls.values()].reduce((a, b) => a + b, 0);
    for (const path of ['/http://evil.example/x', '/%2e%2e%2fleak', '/x/..%2F..%2Fleak', '//evil.example/x', '/%5Cevil.example']) {
      const res = await proxy(keyConnection, path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    }
    expect([...provider.apiCalls.values()].reduce((a, b) => a + b, 0)).toBe(before);
  });

  it('needs an API key with the proxy scope, and finds no other tenant connection', async () => {
    expect((await fetch(`${server.url}/proxy/${keyConnection}/me`)).status).toBe(401);
    const narrow = ok(await tenant.owner.mutation('apiKeys.create', { name: 'runner', scopes: ['actions:run'] })).key;
    expect((await proxy(keyConnection, '/me', {}, narrow)).status).toBe(403);
    const other = await connectAcme(server);
    const otherKey = ok(await other.owner.mutation('apiKeys.create', { name: 'p', scopes: ['proxy'] })).key;
    const foreign = await proxy(keyConnection, '/me', {}, otherKey);
    const missing = await proxy(randomUUID(), '/me', {}, otherKey);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
  });

  it('refreshes a token the provider refuses exactly once and resends the request', async () => {
    const refreshes = () => provider.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
    const before = refreshes();
    provider.validTokens.clear();
    const res = await proxy(tenant.connectionId, '/whoami');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: 'user-1' });
    expect(refreshes() - before).toBe(1);
  });
});
