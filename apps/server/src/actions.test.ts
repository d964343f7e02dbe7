import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectAcme, expireToken } from './testing/connect-acme.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let provider: FakeProvider;
let server: TestServer;
let service: HttpSession;
let connectionId: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)], retry: { minDelayMs: 5, maxDelayMs: 10 } });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `actions-${Date.now()}@example.com`);
  const org = ok(await user.mutation('orgs.create', { name: 'Action callers' })).id;
  const owner = user.withOrg(org);
  service = HttpSession.withApiKey(server.url, ok(await owner.mutation('apiKeys.create', { name: 'backend' })).key);
  connectionId = ok(await service.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } })).id;
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});
beforeEach(() => {
  provider.script = [];
});

const scripted = () => service.mutation('actions.acme-key.scripted', { connectionId, input: {} });
async function lastRun() {
  const { runs } = ok(await service.query('runs.list', { connectionId, limit: 1 }));
  return ok(await service.query('runs.get', { id: runs[0].id }));
}

describe('actions through the real server with an API key', () => {
  it('success records a run with one attempt, with the connector version and no credentials', async () => {
    expect(
      ok(await service.mutation('actions.acme-key.echo', { connectionId, input: { message: `key is ${GOOD_API_KEY}` } })),
    ).toMatchObject({
      message: `key is ${GOOD_API_KEY}`,
    });
    const run = await lastRun();
    expect(run).toMatchObject({
      status: 'succeeded',
      mode: 'sync',
      connectorId: 'acme-key',
      action: 'echo',
      connectorVersion: '0.3.0',
      attempt: 1,
      channel: 'trpc',
      createdBy: expect.stringMatching(/^api_key:/),
    });
    expect(run.attempts).toHaveLength(1);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    // The credential value is scrubbed from the stored input and output, wherever it appears.
    expect(JSON.stringify(run)).not.toContain(GOOD_API_KEY);
    expect(run.input).toEqual({ message: 'key is [redacted]' });
  });

  it('503, 503, 200 ends succeeded with three attempts', async () => {
    provider.script = [{ status: 503 }, { status: 503 }];
    expect(ok(await scripted())).toEqual({ ok: true });
    const run = await lastRun();
    expect(run.status).toBe('succeeded');
    expect(run.attempts.map((a: { httpStatus: number }) => a.httpStatus)).toEqual([503, 503, 200]);
  });

  it('429 with Retry-After waits as told, then succeeds', async () => {
    provider.script = [{ status: 429, retryAfter: 1 }];
    expect(ok(await scripted())).toEqual({ ok: true });
    const run = await lastRun();
    const [limited, retried] = run.attempts as { startedAt: string; endedAt: string; httpStatus: number }[];
    expect([limited?.httpStatus, retried?.httpStatus]).toEqual([429, 200]);
    const waited = new Date(retried?.startedAt ?? 0).getTime() - new Date(limited?.endedAt ?? 0).getTime();
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  it('400 fails after one attempt with INVALID_INPUT, and the error carries the run id', async () => {
    provider.script = [{ status: 400, body: { error: 'bad field' } }];
    const failed = await scripted();
    expect(failed.status).toBe(400);
    expect(failed.body.error.data).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'INVALID_INPUT',
      upstreamStatus: 400,
      runId: expect.any(String),
    });
    const run = await lastRun();
    expect(run).toMatchObject({ id: failed.body.error.data.runId, status: 'failed', error: { code: 'INVALID_INPUT', status: 400 } });
    expect(run.attempts).toHaveLength(1);
  });

  it('a rate limit beyond the retries is TOO_MANY_REQUESTS with retryAfterMs', async () => {
    provider.script = [
      { status: 429, retryAfter: 0 },
      { status: 429, retryAfter: 0 },
      { status: 429, retryAfter: 7 },
    ];
    const limited = await scripted();
    expect(limited.status).toBe(429);
    expect(limited.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED', retryAfterMs: 7000 });
  });

  it('an output that breaks the schema is UPSTREAM_CONTRACT naming the path', async () => {
    provider.script = [{ status: 200, body: { ok: false } }];
    const broken = await scripted();
    expect(broken.body.error.data).toMatchObject({ code: 'BAD_GATEWAY', reason: 'UPSTREAM_CONTRACT', path: 'ok' });
  });

  it('an input that breaks the schema is BAD_REQUEST before any upstream call', async () => {
    const calls = provider.apiCalls.get('/echo') ?? 0;
    const bad = await service.mutation('actions.acme-key.echo', { connectionId, input: { message: 42 } });
    expect(bad.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT', path: 'message' });
    expect(provider.apiCalls.get('/echo') ?? 0).toBe(calls);
  });

  it('an expired token is refreshed once, then the call succeeds', async () => {
    const tenant = await connectAcme(server);
    await expireToken(server.db, provider, tenant.connectionId);
    const before = provider.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
    const caller = HttpSession.withApiKey(server.url, tenant.apiKey);
    expect(ok(await caller.mutation('actions.acme-oauth.whoami', { connectionId: tenant.connectionId, input: {} }))).toEqual({
      sub: 'user-1',
    });
    expect(provider.tokenRequests.filter((r) => r.grantType === 'refresh_token').length).toBe(before + 1);
  });

  it('50 concurrent calls with one idempotency key: one upstream call, 50 identical results, one run', async () => {
    const calls = provider.apiCalls.get('/echo') ?? 0;
    const call = () => service.mutation('actions.acme-key.echo', { connectionId, input: { message: 'once' }, idempotencyKey: 'order-42' });
    const replies = await Promise.all(Array.from({ length: 50 }, call));
    const results = replies.map(ok);
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]).toMatchObject({ message: 'once' });
    expect(provider.apiCalls.get('/echo')).toBe(calls + 1);
    const { runs } = ok(await service.query('runs.list', { connectionId, action: 'echo', limit: 200 }));
    expect(runs.filter((r: { idempotencyKey: string | null }) => r.idempotencyKey === 'order-42')).toHaveLength(1);
    const conflict = await service.mutation('actions.acme-key.echo', {
      connectionId,
      input: { message: 'other' },
      idempotencyKey: 'order-42',
    });
    expect(conflict.body.error.data).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_CONFLICT' });
  });

  it('runs.list filters, pages newest first with a cursor, and runs.get shows the attempts', async () => {
    for (let i = 0; i < 5; i++) ok(await service.mutation('actions.acme-key.echo', { connectionId, input: { message: `page ${i}` } }));
    const first = ok(await service.query('runs.list', { connectionId, action: 'echo', status: 'succeeded', limit: 2 }));
    expect(first.runs).toHaveLength(2);
    const second = ok(
      await service.query('runs.list', { connectionId, action: 'echo', status: 'succeeded', limit: 2, cursor: first.nextCursor }),
    );
    const all = [...first.runs, ...second.runs];
    expect(new Set(all.map((r: { id: string }) => r.id)).size).toBe(4);
    const times = all.map((r: { createdAt: string }) => new Date(r.createdAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const none = ok(await service.query('runs.list', { connectionId, to: new Date(Date.now() - 3600_000).toISOString() }));
    expect(none.runs).toEqual([]);
    expect(ok(await service.query('runs.list', { status: 'dead' })).runs).toEqual([]);
  });

  it('connectors.list is the catalog with JSON Schemas for every input and output', async () => {
    const catalog = ok(await service.query('connectors.list'));
    const key = catalog.find((c: { id: string }) => c.id === 'acme-key');
    expect(key).toMatchObject({ version: '0.3.0', authKind: 'apiKey' });
    expect(key.actions.find((a: { name: string }) => a.name === 'echo')).toMatchObject({
      inputSchema: { type: 'object', properties: { message: { type: 'string', minLength: 1 } }, required: ['message'] },
      outputSchema: { type: 'object', properties: { message: { type: 'string' }, calls: { type: 'number' } } },
    });
  });
});
