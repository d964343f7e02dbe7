import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './app.ts';
import { type Listening, listen } from './listen.ts';
import { createLogger } from './logger.ts';
import { nodeActionCalls } from './node-action-call.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok, type Reply } from './testing/http-session.ts';
import { testRouteOptions } from './testing/route-options.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const LISTED = 'https://app.example.com';
let provider: FakeProvider;
let server: TestServer;
let service: HttpSession;
let connectionId: string;
let apiKey: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeKey(provider)], edge: { corsOrigins: [LISTED] } });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `front-${Date.now()}@example.com`);
  const member = user.withOrg(ok(await user.mutation('orgs.create', { name: 'Front' })).id);
  apiKey = ok(await member.mutation('apiKeys.create', { name: 'backend' })).key;
  service = HttpSession.withApiKey(server.url, apiKey);
  connectionId = ok(await service.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } })).id;
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});

const JSON_HEADERS = { 'content-type': 'application/json' };
const call = (input: unknown) => JSON.stringify({ connectionId, input });

/** Everything a browser or client can read off an answer but the ids that differ per request. */
function edge(reply: Reply) {
  return {
    status: reply.status,
    vary: reply.headers.get('vary'),
    allowOrigin: reply.headers.get('access-control-allow-origin'),
    allowCredentials: reply.headers.get('access-control-allow-credentials'),
    contentLength: reply.headers.get('content-length'),
    body: JSON.parse(JSON.stringify(reply.body ?? null).replace(/"(requestId|runId)":"[^"]*"/g, '"$1":"<id>"')),
  };
}

describe('an API-key action call answered in front of Hono', () => {
  it('carries the same CORS, vary and length headers as the same call through Hono', async () => {
    for (const origin of [LISTED, 'https://evil.example.net', undefined]) {
      const headers = { ...JSON_HEADERS, ...(origin ? { origin } : {}) };
      const front = await service.request('/trpc/actions.acme-key.echo', { method: 'POST', body: call({ message: 'hi' }), headers });
      const hono = await service.request('/trpc/actions.acme-key.echo?via=hono', {
        method: 'POST',
        body: call({ message: 'hi' }),
        headers,
      });
      expect(edge(front), origin).toEqual({ ...edge(hono), body: { result: { data: { message: 'hi', calls: expect.any(Number) } } } });
      expect(front.headers.get('access-control-allow-origin')).toBe(origin === LISTED ? LISTED : null);
    }
  });

  it('a refused call too, and one whose body is not JSON (handed on to tRPC through Hono)', async () => {
    for (const body of [call({ message: '' }), '{"connectionId":']) {
      const front = await service.request('/trpc/actions.acme-key.echo', {
        method: 'POST',
        body,
        headers: { ...JSON_HEADERS, origin: LISTED },
      });
      const hono = await service.request('/trpc/actions.acme-key.echo?via=hono', {
        method: 'POST',
        body,
        headers: { ...JSON_HEADERS, origin: LISTED },
      });
      expect(front.status).toBe(400);
      expect(edge(front)).toEqual(edge(hono));
    }
  });

  it('a client that hangs up mid-call aborts the provider request, and the run says so', async () => {
    const body = call({ ms: 5_000 });
    const url = new URL('/trpc/actions.acme-key.slow', server.url);
    const req = httpRequest(url, {
      method: 'POST',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${apiKey}`, 'content-length': Buffer.byteLength(body) },
    });
    req.on('error', () => {});
    req.end(body);
    await new Promise((resolve) => setTimeout(resolve, 300));
    req.destroy();
    let run: { status: string; durationMs: number | null } | undefined;
    for (let i = 0; i < 50 && !run; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = ok(await service.query('runs.list', { connectionId, action: 'slow', limit: 1 })).runs[0];
    }
    expect(run?.status).toBe('failed');
    expect(run?.durationMs).toBeLessThan(4_000);
  });
});

describe('which requests the front takes', () => {
  let listening: Listening;
  let base: string;
  const logLines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const front = nodeActionCalls({
      ...testRouteOptions(server, [acmeKey(provider)]),
      logger: createLogger('info', { write: (line: string) => logLines.push(JSON.parse(line)) }),
      corsOrigins: [],
      maxBodyBytes: MAX_BODY_BYTES,
      // What the front hands on (a body only tRPC can answer) reaches the app with its bytes.
      fetch: async (request) => new Response(`app saw ${await request.text()}`, { status: 298 }),
    });
    // A stand-in for Hono behind the front, so each answer shows who gave it (the body is left unread).
    listening = await listen(
      () => new Response('hono', { status: 299 }),
      '127.0.0.1',
      0,
      () => front,
    );
    base = `http://127.0.0.1:${listening.port}`;
  });
  afterAll(() => listening?.close(100));

  /** A POST with an API key, JSON and a declared length, but for the headers `changes` sets (or drops, as undefined). */
  const send = (path: string, changes: Record<string, string | undefined> = {}, body = '{}') =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers: Record<string, string> = {};
      const all = { ...JSON_HEADERS, authorization: 'Bearer pbk_nope', 'content-length': String(Buffer.byteLength(body)), ...changes };
      for (const [name, value] of Object.entries(all)) if (value !== undefined) headers[name] = value;
      const req = httpRequest(`${base}${path.startsWith('/') ? path : `/trpc/${path}`}`, { method: 'POST', headers });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      // A declared body larger than what is sent is never finished: the answer comes first.
      if (headers['content-length'] === String(Buffer.byteLength(body)) || headers['content-length'] === undefined) req.end(body);
      else req.flushHeaders();
    });

  it('takes a lone action mutation with an Authorization header, plain or as a batch of one', async () => {
    for (const path of ['actions.acme-key.echo', 'actions.acme-key.echo?batch=1']) {
      const res = await send(path);
      expect(res.status, path).toBe(401);
      expect(res.text, path).toContain('UNAUTHORIZED');
    }
  });

  it("logs each call it answers with the caller's request id, as request-id.ts does behind Hono", async () => {
    await send('actions.acme-key.echo', { 'x-request-id': 'req-front-1' });
    expect(logLines).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        requestId: 'req-front-1',
        method: 'POST',
        path: '/trpc/actions.acme-key.echo',
        status: 401,
      }),
    );
    expect(JSON.stringify(logLines)).not.toContain('pbk_nope');
  });

  it('hands a body that is not JSON on to the app, bytes and all', async () => {
    expect(await send('actions.acme-key.echo', {}, '{"half":')).toEqual({ status: 298, text: 'app saw {"half":' });
  });

  it.each([
    [
      'a call without Authorization (a session-cookie call: the CSRF guard is Hono’s)',
      'actions.acme-key.echo',
      { authorization: undefined },
    ],
    ['an empty Authorization', 'actions.acme-key.echo', { authorization: '' }],
    ['a path that only ends in /trpc/…', '/v1/trpc/actions.acme-key.echo', {}],
    ['a streamed body', 'actions.acme-key.echo', { 'content-length': undefined, 'transfer-encoding': 'chunked' }],
    ['a declared body over the limit', 'actions.acme-key.echo', { 'content-length': String(MAX_BODY_BYTES + 1) }],
    ['another procedure', 'connections.create', {}],
    ['a query', 'actions.acme-key.echo?via=hono', {}],
    ['a content type other than JSON', 'actions.acme-key.echo', { 'content-type': 'text/plain' }],
    ['a streaming accept', 'actions.acme-key.echo', { 'trpc-accept': 'application/jsonl' }],
    ['a Host to look at twice', 'actions.acme-key.echo', { host: 'Example.COM' }],
  ])('leaves %s to Hono', async (_name, path, changes) => {
    expect(await send(path, changes)).toEqual({ status: 299, text: 'hono' });
  });
});
