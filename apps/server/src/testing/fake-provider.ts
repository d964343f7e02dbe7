/**
 * @module A provider for end-to-end tests, all on 127.0.0.1: oauth2-mock-server as the
 * authorization server (real PKCE checks, real token responses), and a small node:http API that
 * accepts only access tokens the authorization server issued and API key `GOOD_API_KEY`.
 */

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { OAuth2Server } from 'oauth2-mock-server';

export const GOOD_API_KEY = 'acme-good-key-123';

type MutableResponse = { body: Record<string, unknown> | string; statusCode: number };

export interface FakeProvider {
  issuer: string;
  upstream: string;
  /** Token endpoint requests, by grant type. */
  tokenRequests: { grantType: string }[];
  revocations: string[];
  /** Access tokens the API accepts (every one the token endpoint issued, until cleared). */
  validTokens: Set<string>;
  /** API calls seen, by path. */
  apiCalls: Map<string, number>;
  /** Changes the next token responses (e.g. to answer invalid_grant); undefined to stop. */
  rewriteTokenResponse: ((response: MutableResponse, grantType: string) => void) | undefined;
  /** Statuses `/scripted` answers with, one per request, then 200. `retryAfter` adds a Retry-After header (seconds). */
  script: { status: number; retryAfter?: number; body?: unknown }[];
  /** Effects per idempotency key: how many times a keyed request was first seen (a real provider's dedupe). */
  effects: Map<string, number>;
  /** Refresh tokens the token endpoint issued. */
  refreshTokens: Set<string>;
  stop(): Promise<void>;
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const oauth = new OAuth2Server();
  await oauth.issuer.keys.generate('RS256');
  await oauth.start(0, '127.0.0.1');
  const state: Omit<FakeProvider, 'upstream' | 'stop'> = {
    issuer: oauth.issuer.url ?? '',
    tokenRequests: [],
    revocations: [],
    validTokens: new Set(),
    apiCalls: new Map(),
    rewriteTokenResponse: undefined,
    refreshTokens: new Set(),
    script: [],
    effects: new Map(),
  };
  oauth.service.on('beforeResponse', (response: MutableResponse, req: IncomingMessage & { body?: Record<string, unknown> }) => {
    const grantType = String(req.body?.grant_type ?? '');
    state.tokenRequests.push({ grantType });
    state.rewriteTokenResponse?.(response, grantType);
    if (response.statusCode === 200 && typeof response.body === 'object' && typeof response.body.access_token === 'string') {
      state.validTokens.add(response.body.access_token);
      if (typeof response.body.refresh_token === 'string') state.refreshTokens.add(response.body.refresh_token);
    }
  });
  // oauth2-mock-server leaves the revocation body unread; read it here (it arrives just after).
  oauth.service.on('beforeRevoke', (_response: unknown, req: IncomingMessage) => {
    void text(req).then((body) => state.revocations.push(new URLSearchParams(body).get('token') ?? ''));
  });

  const api: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    state.apiCalls.set(url.pathname, (state.apiCalls.get(url.pathname) ?? 0) + 1);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const apiKey = req.headers['x-api-key'];
    if (url.pathname === '/leak') {
      // A careless upstream: its error body repeats the credential it was shown (and, to an
      // OAuth caller, the refresh token it issued last) in every field a connector might read.
      const presented = bearer ?? (typeof apiKey === 'string' ? apiKey : '');
      const refresh = bearer ? ([...state.refreshTokens].at(-1) ?? presented) : presented;
      const status = Number(url.searchParams.get('status') ?? 400);
      return json(status, {
        error: presented,
        code: presented,
        message: `bad credential ${presented}`,
        detail: { nested: { echo: refresh } },
      });
    }
    if (url.pathname === '/whoami') {
      if (!bearer || !state.validTokens.has(bearer)) return json(401, { error: 'invalid_token' });
      return json(200, { sub: 'user-1' });
    }
    if (apiKey !== GOOD_API_KEY) return json(401, { error: 'bad key' });
    if (url.pathname === '/me') return json(200, { ok: true });
    if (url.pathname === '/scripted') {
      const next = state.script.shift() ?? { status: 200 };
      if (next.retryAfter !== undefined) res.setHeader('retry-after', String(next.retryAfter));
      return json(next.status, next.body ?? (next.status === 200 ? { ok: true } : { error: `status ${next.status}` }));
    }
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string' && !state.effects.has(key)) state.effects.set(key, 1);
    if (url.pathname === '/slow' && req.method === 'POST') {
      const { ms = 0 } = JSON.parse((await text(req)) || '{}') as { ms?: number };
      await new Promise((resolve) => setTimeout(resolve, ms));
      return json(200, { slept: ms });
    }
    if (url.pathname === '/echo' && req.method === 'POST') {
      const body = JSON.parse((await text(req)) || '{}') as { message?: string };
      return json(200, { message: body.message ?? '', calls: state.apiCalls.get('/echo') ?? 0 });
    }
    return json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const upstream = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  return Object.assign(state, {
    upstream,
    async stop() {
      api.closeAllConnections();
      await new Promise<void>((resolve) => api.close(() => resolve()));
      await oauth.stop();
    },
  });
}
