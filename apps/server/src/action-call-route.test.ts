import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionCallRoute } from './action-call-route.ts';
import { MAX_BODY_BYTES } from './app.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok, type Reply } from './testing/http-session.ts';
import { testRouteOptions } from './testing/route-options.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let provider: FakeProvider;
let server: TestServer;
let service: HttpSession;
let member: HttpSession;
let connectionId: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)], retry: { minDelayMs: 5, maxDelayMs: 10 } });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `light-${Date.now()}@example.com`);
  const org = ok(await user.mutation('orgs.create', { name: 'Light route' })).id;
  member = user.withOrg(org);
  service = HttpSession.withApiKey(server.url, ok(await member.mutation('apiKeys.create', { name: 'backend' })).key);
  connectionId = ok(await service.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } })).id;
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});
beforeEach(() => {
  provider.script = [];
});

const JSON_HEADERS = { 'content-type': 'application/json', 'x-patchbay-csrf': '1' };

/** What a client can tell apart in an answer; the request and run ids differ per request by design. */
function seen(reply: Reply) {
  const body = JSON.stringify(reply.body ?? null).replace(/"(requestId|runId)":"[^"]*"/g, '"$1":"<id>"');
  return {
    status: reply.status,
    contentType: reply.headers.get('content-type'),
    vary: reply.headers.get('vary'),
    body: JSON.parse(body),
  };
}

/**
 * The same call twice: as sent (the light route takes the plain forms) and with one more query
 * parameter, which tRPC ignores and which sends the request on to tRPC's own handler.
 */
async function bothWays(session: HttpSession, path: string, body: string, headers: Record<string, string> = JSON_HEADERS) {
  const [target, query] = path.split('?');
  const light = await session.request(`/trpc/${path}`, { method: 'POST', body, headers });
  const full = await session.request(`/trpc/${target}?${query ? `${query}&` : ''}via=trpc`, { method: 'POST', body, headers });
  return { light: seen(light), full: seen(full) };
}

describe('a lone action call answers exactly what tRPC answers', () => {
  const call = (input: unknown) => JSON.stringify({ connectionId, input });

  it.each([
    ['success', 'actions.acme-key.scripted', () => call({})],
    ['success, batch of one', 'actions.acme-key.scripted?batch=1', () => JSON.stringify({ 0: { connectionId, input: {} } })],
    ["the action's input refused", 'actions.acme-key.echo', () => call({ message: '' })],
    ['the envelope refused', 'actions.acme-key.echo', () => JSON.stringify({ connectionId: 'not-a-uuid', input: {} })],
    ['the envelope refused, batch of one', 'actions.acme-key.echo?batch=1', () => JSON.stringify({ 0: { connectionId: 'x' } })],
    ['no body', 'actions.acme-key.echo', () => ''],
    ['null', 'actions.acme-key.echo', () => 'null'],
    ['a batch that is not an object', 'actions.acme-key.echo?batch=1', () => '"x"'],
    ['a body that is not JSON', 'actions.acme-key.echo', () => '{"connectionId":'],
    ['an unknown connection', 'actions.acme-key.scripted', () => JSON.stringify({ connectionId: crypto.randomUUID(), input: {} })],
  ])('%s', async (_name, path, body) => {
    const { light, full } = await bothWays(service, path, body());
    expect(light).toEqual(full);
  });

  it("echoes the caller's x-request-id both ways, success or failure, and makes one up when none is sent", async () => {
    for (const input of [{}, { message: '' }]) {
      const path = input.message === undefined ? 'actions.acme-key.scripted' : 'actions.acme-key.echo';
      const headers = { ...JSON_HEADERS, 'x-request-id': 'req-light-1' };
      const light = await service.request(`/trpc/${path}`, { method: 'POST', body: call(input), headers });
      const full = await service.request(`/trpc/${path}?via=trpc`, { method: 'POST', body: call(input), headers });
      expect([light.headers.get('x-request-id'), full.headers.get('x-request-id')]).toEqual(['req-light-1', 'req-light-1']);
    }
    const fresh = await service.request('/trpc/actions.acme-key.scripted', { method: 'POST', body: call({}), headers: JSON_HEADERS });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a provider failure, with its details', async () => {
    provider.script = [{ status: 400 }, { status: 400 }];
    const { light, full } = await bothWays(service, 'actions.acme-key.scripted', call({}));
    expect(light.status).toBe(400);
    expect(light).toEqual(full);
  });

  it('no key, a wrong key, and a signed-in member of the tenant', async () => {
    const anonymous = new HttpSession(server.url);
    const wrong = HttpSession.withApiKey(server.url, 'pbk_nope');
    for (const session of [anonymous, wrong, member]) {
      const { light, full } = await bothWays(session, 'actions.acme-key.scripted', call({}));
      expect(light).toEqual(full);
    }
    expect((await bothWays(anonymous, 'actions.acme-key.scripted', call({}))).light.status).toBe(401);
    expect((await bothWays(member, 'actions.acme-key.scripted', call({}))).light.body).toEqual({ result: { data: { ok: true } } });
  });

  it("another tenant's connection is not found either way", async () => {
    const other = new HttpSession(server.url);
    await signUpVerified(other, server.outbox, `light-other-${Date.now()}@example.com`);
    const org = ok(await other.mutation('orgs.create', { name: 'Other' })).id;
    const key = ok(await other.withOrg(org).mutation('apiKeys.create', { name: 'other' })).key;
    const { light, full } = await bothWays(HttpSession.withApiKey(server.url, key), 'actions.acme-key.scripted', call({}));
    expect(light.status).toBe(404);
    expect(light).toEqual(full);
  });
});

describe('the size limit on the way in', () => {
  const oversized = () => JSON.stringify({ connectionId, input: { message: 'x'.repeat(MAX_BODY_BYTES) } });
  const tooLarge = { status: 413, body: { error: { message: 'Request body too large', code: 'PAYLOAD_TOO_LARGE' } } };

  // First: after a refusal the server closes that connection, unread body and all, and a client may reuse it once.
  it('takes a streamed body under the limit', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ connectionId, input: {} }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 10));
        controller.enqueue(bytes.subarray(10));
        controller.close();
      },
    });
    const reply = await service.request('/trpc/actions.acme-key.scripted', {
      method: 'POST',
      body,
      headers: JSON_HEADERS,
      duplex: 'half',
    } as RequestInit);
    expect(reply.body).toEqual({ result: { data: { ok: true } } });
  });

  it('refuses a declared body over the limit before reading it', async () => {
    const reply = await service.request('/trpc/actions.acme-key.echo', { method: 'POST', body: oversized(), headers: JSON_HEADERS });
    expect({ status: reply.status, body: reply.body }).toEqual(tooLarge);
  });

  it('refuses a streamed (chunked) body once it passes the limit', async () => {
    const bytes = new TextEncoder().encode(oversized());
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
    const reply = await service.request('/trpc/actions.acme-key.echo', {
      method: 'POST',
      body,
      headers: JSON_HEADERS,
      duplex: 'half',
    } as RequestInit);
    expect({ status: reply.status, body: reply.body }).toEqual(tooLarge);
  });
});

describe('which requests the light route takes', () => {
  // The route in front of a stand-in for tRPC's handler, so each request shows who answered.
  function routed() {
    const app = new Hono();
    app.use(async (c, next) => {
      c.set('requestId' as never, 'r' as never);
      c.set('log' as never, { error() {} } as never);
      await next();
    });
    app.post('/trpc/:path', actionCallRoute(testRouteOptions(server, [acmeKey(provider)])));
    app.all('/trpc/*', (c) => c.text('tRPC handler', 299 as 200));
    return (path: string, init: RequestInit = {}) =>
      app.request(`http://127.0.0.1/trpc/${path}`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
        ...init,
      });
  }

  it('takes a lone action mutation, plain or as a batch of one, and passes on everything else', async () => {
    const send = routed();
    // Taken: answered by the procedure itself (no credentials, so 401 in tRPC's envelope).
    for (const path of ['actions.acme-key.echo', 'actions.acme-key.echo?batch=1']) {
      const res = await send(path);
      expect(res.status, path).toBe(401);
      expect(await res.text(), path).toContain('"UNAUTHORIZED"');
    }
    const passed: [string, RequestInit?][] = [
      ['actions.acme-key.echo,actions.acme-key.echo?batch=1'],
      ['actions.acme-key.nope'],
      ['connections.create'],
      ['actions.acme-key.echo?input=%7B%7D'],
      ['actions.acme-key.echo', { headers: { 'content-type': 'text/plain' } }],
      ['actions.acme-key.echo', { headers: { 'content-type': 'application/json', 'trpc-accept': 'application/jsonl' } }],
    ];
    for (const [path, init] of passed) {
      const res = await send(path, init);
      expect([res.status, await res.text()], path).toEqual([299, 'tRPC handler']);
    }
    // A body that is not JSON is read before that shows, so tRPC's handler gets it rebuilt and refuses it itself.
    const broken = await send('actions.acme-key.echo', { body: '{"connectionId":' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { data: { code: 'BAD_REQUEST' } } });
  });
});
