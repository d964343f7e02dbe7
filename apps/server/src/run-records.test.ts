/**
 * One tenant's input never fails another tenant's call (FINDINGS-HTTP F1, F11): strings Postgres
 * cannot store and hostile nesting are refused at the boundary, for every procedure, before any
 * provider call; everyone else's calls and run records are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let provider: FakeProvider;
let server: TestServer;

async function tenant(name: string): Promise<{ caller: HttpSession; connectionId: string }> {
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `${name}-${Date.now()}@example.com`);
  const org = ok(await user.mutation('orgs.create', { name })).id;
  const caller = HttpSession.withApiKey(server.url, ok(await user.withOrg(org).mutation('apiKeys.create', { name: 'backend' })).key);
  const connectionId = ok(
    await caller.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
  ).id;
  return { caller, connectionId };
}

const nested = (depth: number) => `${'{"d":'.repeat(depth)}1${'}'.repeat(depth)}`;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeKey(provider)] });
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});

describe('input Postgres cannot store', () => {
  it("30 calls carrying U+0000 from tenant X, interleaved with 30 valid calls from V: V's all succeed and are recorded, X's are 400 and never reach the provider", async () => {
    const v = await tenant('v');
    const x = await tenant('x');
    const upstreamBefore = provider.apiCalls.get('/echo') ?? 0;
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 2 === 0
          ? v.caller.mutation('actions.acme-key.echo', { connectionId: v.connectionId, input: { message: `valid ${i}` } })
          : x.caller.mutation('actions.acme-key.echo', { connectionId: x.connectionId, input: { message: 'x\u0000' } }),
      ),
    );
    const ofV = replies.filter((_, i) => i % 2 === 0);
    const ofX = replies.filter((_, i) => i % 2 === 1);
    expect(ofV.map((r) => r.status)).toEqual(Array(30).fill(200));
    for (const reply of ofX) {
      expect(reply.status).toBe(400);
      expect(reply.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT', path: 'input.message' });
      expect(JSON.stringify(reply.body)).not.toContain('\\u0000');
    }
    expect((provider.apiCalls.get('/echo') ?? 0) - upstreamBefore).toBe(30);
    const { runs } = ok(await v.caller.query('runs.list', { connectionId: v.connectionId, limit: 200 }));
    expect(runs.filter((r: { status: string }) => r.status === 'succeeded')).toHaveLength(30);
    expect(ok(await x.caller.query('runs.list', { connectionId: x.connectionId })).runs).toEqual([]);
  });

  it('refuses unpaired surrogates and NUL anywhere, object keys too, in mutations and queries alike', async () => {
    const { caller, connectionId } = await tenant('keys');
    const loneKey = await caller.mutation('actions.acme-key.echo', { connectionId, input: { message: 'ok', '\ud800': 1 } });
    expect(loneKey.status).toBe(400);
    expect(loneKey.body.error.data).toMatchObject({ reason: 'INVALID_INPUT', path: 'input' });
    const loneValue = await caller.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: 'key\udc00 1234' } });
    expect(loneValue.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT', path: 'credentials.apiKey' });
    const query = await caller.query('runs.list', { connectorId: 'acme\u0000' });
    expect(query.status).toBe(400);
    expect(query.body.error.data).toMatchObject({ reason: 'INVALID_INPUT', path: 'connectorId' });
    const key = await caller.mutation('actions.acme-key.echo', { connectionId, input: { message: 'ok' }, idempotencyKey: 'k\u0000' });
    expect(key.body.error.data).toMatchObject({ reason: 'INVALID_INPUT', path: 'idempotencyKey' });
  });
});

describe('hostile nesting', () => {
  it('action input and connection metadata nested 10,000 deep are 400 INVALID_INPUT, not a stack overflow', async () => {
    const { caller, connectionId } = await tenant('deep');
    const before = provider.apiCalls.get('/echo') ?? 0;
    const post = (procedure: string, body: string) =>
      caller.request(`/trpc/${procedure}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-patchbay-csrf': '1' },
      });
    const action = await post('actions.acme-key.echo', `{"connectionId":"${connectionId}","input":${nested(10_000)}}`);
    expect(action.status).toBe(400);
    expect(action.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT' });
    const metadata = await post(
      'connections.create',
      `{"connectorId":"acme-key","credentials":{"apiKey":"${GOOD_API_KEY}"},"metadata":${nested(10_000)}}`,
    );
    expect(metadata.status).toBe(400);
    expect(metadata.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT' });
    expect(provider.apiCalls.get('/echo') ?? 0).toBe(before);
    // 64 levels is the limit; ordinary nesting passes the guard and reaches the action's own schema.
    const shallow = await post('actions.acme-key.echo', `{"connectionId":"${connectionId}","input":${nested(60)}}`);
    expect(shallow.body.error.data).toMatchObject({ reason: 'INVALID_INPUT', path: 'message' });
  });
});
