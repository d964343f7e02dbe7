/**
 * The retry policy against a real local upstream (node:http / node:net on 127.0.0.1): a request
 * that may have reached the provider is not sent twice unless it is safe to repeat.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { oauth2 } from '../auth/define-auth.ts';
import { defineAction, defineConnector } from '../define.ts';
import { runAction } from '../run-action.ts';
import { connectorFailure as failure } from '../testing/expect-error.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
interface Upstream {
  url: string;
  seen: { method: string; path: string; auth: string | undefined; key: string | undefined }[];
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function upstream(handler: Handler): Promise<Upstream> {
  const seen: Upstream['seen'] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        auth: req.headers.authorization,
        key: req.headers['idempotency-key'] as string | undefined,
      });
      handler(req, res, seen.length);
    });
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function connectorAt(url: string) {
  return defineConnector({
    id: 'local',
    name: 'Local',
    version: '1.0.0',
    description: 'A local upstream',
    auth: oauth2({ authorizationUrl: `${url}/authorize`, tokenUrl: `${url}/token`, scopes: [] }),
    baseUrls: [url],
    actions: {
      create: defineAction({
        description: 'One POST',
        input: z.object({ key: z.string().optional() }),
        output: z.unknown(),
        run: async (input, ctx) =>
          (
            await ctx.http.post('/things', {
              json: {},
              ...(input.key ? { headers: { 'idempotency-key': input.key }, idempotent: true } : {}),
            })
          ).data,
      }),
      createThenComment: defineAction({
        description: 'Two POSTs',
        input: z.object({}),
        output: z.unknown(),
        run: async (_input, ctx) => {
          await ctx.http.post('/things', { json: {} });
          return (await ctx.http.post('/comments', { json: {} })).data;
        },
      }),
    },
  });
}

const sleeps: number[] = [];
const run = (url: string, action: 'create' | 'createThenComment', extra: Partial<Parameters<typeof runAction>[2]> = {}) =>
  runAction(connectorAt(url), action, {
    input: {},
    credentials: { accessToken: 'old-token' },
    retry: { sleep: async (ms) => void sleeps.push(ms) },
    ...extra,
  });
const reply = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ id: 'x1' }));
};

describe('no automatic duplicate side effects', () => {
  it('a POST whose connection is reset after the request was written is not retried', async () => {
    const up = await upstream((req) => req.socket.destroy());
    const error = await failure(run(up.url, 'create'));
    expect([error.code, error.requestSent]).toEqual(['UPSTREAM', true]);
    expect(up.seen).toHaveLength(1);
  });

  it('a POST answered 502 or a bare 503 is not retried; a 503 with Retry-After is', async () => {
    for (const status of [502, 503]) {
      const up = await upstream((_req, res) => reply(res, status));
      expect((await failure(run(up.url, 'create'))).code).toBe('UPSTREAM');
      expect(up.seen).toHaveLength(1);
    }
    const up = await upstream((_req, res, n) => (n === 1 ? reply(res, 503, { 'retry-after': '1' }) : reply(res, 201)));
    expect(await run(up.url, 'create')).toEqual({ id: 'x1' });
    expect(up.seen).toHaveLength(2);
  });

  it('a POST that carries an idempotency key (marked idempotent) is retried after a reset, with the same key', async () => {
    const up = await upstream((req, res, n) => (n === 1 ? req.socket.destroy() : reply(res, 201)));
    expect(await run(up.url, 'create', { input: { key: 'order-7' } })).toEqual({ id: 'x1' });
    expect(up.seen.map((s) => s.key)).toEqual(['order-7', 'order-7']);
  });

  it('a refused connection never reached the provider: requestSent false, and retried even for a POST', async () => {
    const up = await upstream(() => {});
    await new Promise((done) => servers.pop()?.close(done));
    const attempts: number[] = [];
    const error = await failure(run(up.url, 'create', { onAttempt: (a) => attempts.push(a.attempt) }));
    expect([error.code, error.requestSent]).toEqual(['UPSTREAM', false]);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('a Retry-After above the cap fails at once as RATE_LIMITED with retryAfterMs (F16)', async () => {
    sleeps.length = 0;
    const up = await upstream((_req, res) => reply(res, 429, { 'retry-after': '3600' }));
    const error = await failure(run(up.url, 'create'));
    expect([error.code, error.retryAfterMs]).toEqual(['RATE_LIMITED', 3_600_000]);
    expect(up.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('a 401 refreshes and repeats the failed request, not the action', () => {
  it('401 on the second request: one refresh, the second request sent again, the first not', async () => {
    const up = await upstream((req, res) =>
      req.headers.authorization === 'Bearer old-token' && req.url === '/comments' ? reply(res, 401) : reply(res, 201),
    );
    let refreshes = 0;
    const refreshCredentials = async () => {
      refreshes++;
      return { accessToken: 'new-token' };
    };
    expect(await run(up.url, 'createThenComment', { refreshCredentials })).toEqual({ id: 'x1' });
    expect(refreshes).toBe(1);
    expect(up.seen.map((s) => `${s.path} ${s.auth}`)).toEqual([
      '/things Bearer old-token',
      '/comments Bearer old-token',
      '/comments Bearer new-token',
    ]);
  });

  it('a request still refused after the refresh fails AUTH_EXPIRED, refreshing only once', async () => {
    const up = await upstream((_req, res) => reply(res, 401));
    let refreshes = 0;
    const error = await failure(run(up.url, 'create', { refreshCredentials: async () => ({ accessToken: `t${++refreshes}` }) }));
    expect(error.code).toBe('AUTH_EXPIRED');
    expect([refreshes, up.seen.length]).toEqual([1, 2]);
  });
});
