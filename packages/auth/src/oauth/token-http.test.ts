import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenResponseError } from '@patchbay/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOAuthClient } from './arctic-client.ts';
import type { OAuthClientConfig } from './types.ts';

/** A token endpoint on 127.0.0.1 that records each request and answers what a test scripts. */
interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
}
let server: Server;
let base: string;
const seen: Seen[] = [];
let answer: { status: number; body?: unknown } = { status: 200 };

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen.length = 0;
  answer = { status: 200, body: { access_token: 'at-1', expires_in: 60 } };
});

const SECRET = 'secret-never-printed';
const config = (overrides: Partial<OAuthClientConfig> = {}): OAuthClientConfig => ({
  authorizationUrl: `${base}/authorize`,
  tokenUrl: `${base}/token`,
  revokeUrl: `${base}/revoke`,
  clientId: 'app-1',
  clientSecret: SECRET,
  redirectUri: 'http://127.0.0.1:3000/oauth/callback',
  clientAuth: 'body',
  pkce: false,
  ...overrides,
});

describe('token requests a descriptor shapes', () => {
  it('renames the client id parameter in the authorize URL and the token body (TikTok client_key), adding extra token params', async () => {
    const client = createOAuthClient(config({ clientIdParam: 'client_key', extraTokenParams: { expiring: '1' } }));
    const url = client.authorizationUrl({ state: 's', scopes: ['user.info.basic'] });
    expect(url.searchParams.get('client_key')).toBe('app-1');
    expect(url.searchParams.has('client_id')).toBe(false);
    await client.exchangeCode('c0de');
    expect(Object.fromEntries(new URLSearchParams(seen[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: 'http://127.0.0.1:3000/oauth/callback',
      expiring: '1',
      client_key: 'app-1',
      client_secret: SECRET,
    });
  });

  it('sends a GET with the parameters in the query (Meta), and a JSON body when asked', async () => {
    await createOAuthClient(config({ tokenRequest: { method: 'GET' } })).exchangeCode('c0de');
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/token', body: '' });
    expect(seen[0]?.query).toMatchObject({ code: 'c0de', client_id: 'app-1', client_secret: SECRET });
    await createOAuthClient(config({ tokenRequest: { encoding: 'json' }, clientAuth: 'basic' })).refresh('rt-1');
    expect(seen[1]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-1' });
    expect(seen[1]?.headers.authorization).toBe(`Basic ${Buffer.from(`app-1:${SECRET}`).toString('base64')}`);
  });

  it('sends the request a builder makes (TikTok Business JSON), and its parseTokenResponse may throw a classified error', async () => {
    answer = { status: 200, body: { code: 40001, message: 'auth_code invalid' } };
    const client = createOAuthClient(
      config({
        tokenRequest: ({ params, client }) => ({ json: { app_id: client.id, secret: client.secret, auth_code: params.code } }),
        parseTokenResponse: (raw) => {
          if (raw.code !== 0) throw new TokenResponseError('invalid_grant');
          return { accessToken: String((raw.data as { access_token: string }).access_token) };
        },
      }),
    );
    const error = await client.exchangeCode('c0de').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_grant', providerCode: 'invalid_grant' });
    expect(String(error)).not.toContain(SECRET);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ app_id: 'app-1', secret: SECRET, auth_code: 'c0de' });
    answer = { status: 200, body: { code: 0, data: { access_token: 'at-9' } } };
    expect(await client.exchangeCode('c0de')).toMatchObject({ accessToken: 'at-9' });
  });

  it("refuses a builder's URL on another origin before sending anything", async () => {
    const client = createOAuthClient(config({ tokenRequest: () => ({ url: 'http://127.0.0.2:1/steal' }) }));
    await expect(client.exchangeCode('c0de')).rejects.toMatchObject({ code: 'bad_response' });
    expect(seen).toEqual([]);
  });

  it('reads an OAuth error at 4xx from its own requests', async () => {
    answer = { status: 400, body: { error: 'invalid_grant' } };
    await expect(createOAuthClient(config({ tokenRequest: { method: 'GET' } })).refresh('rt')).rejects.toMatchObject({
      code: 'invalid_grant',
      status: 400,
    });
  });
});

describe('revocation (RFC 7009)', () => {
  it('counts any 2xx as revoked (Reddit answers 204), with Basic or body client auth and the renamed id', async () => {
    answer = { status: 204 };
    await createOAuthClient(config({ clientAuth: 'basic' })).revoke('tok-1');
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`app-1:${SECRET}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(seen[0]?.body))).toEqual({ token: 'tok-1' });
    await createOAuthClient(config({ clientIdParam: 'client_key' })).revoke('tok-2');
    expect(Object.fromEntries(new URLSearchParams(seen[1]?.body))).toEqual({ token: 'tok-2', client_key: 'app-1', client_secret: SECRET });
  });

  it('reports a refused revocation with its status', async () => {
    answer = { status: 400, body: { error: 'unsupported_token_type' } };
    await expect(createOAuthClient(config()).revoke('tok')).rejects.toMatchObject({ status: 400 });
  });
});
