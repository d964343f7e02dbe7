/**
 * X end to end through the real server: connect with PKCE (token endpoint and /2/users/me faked
 * at the HTTP layer with undici's MockAgent), post, read the run record, then refresh twice to
 * show the rotating refresh token is stored and the next refresh spends the new one, and that
 * X's `invalid_request` for a spent refresh token asks for re-authorization.
 */
import x from '@patchbay/connector-x';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedTokens } from '../testing/connect-acme.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { readRequestBodies } from '../testing/read-request-bodies.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const API = 'https://api.x.com';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const BASIC = `Basic ${Buffer.from('x-client-id:x-client-secret').toString('base64')}`;

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let previous: Dispatcher;
const tokenCalls: { authorization: string | undefined; body: string }[] = [];

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  // Token request bodies read first, to check which refresh token was spent.
  setGlobalDispatcher(agent.compose(readRequestBodies((_origin, path) => path.startsWith('/2/oauth2/token'))));
  server = await startTestServer({ connectors: [x] });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `x-e2e-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'X E2E' })).id;
  owner = user.withOrg(org);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'x', clientId: 'x-client-id', clientSecret: 'x-client-secret' }));
});
afterAll(async () => {
  await server?.close();
  setGlobalDispatcher(previous);
  await agent?.close();
});

/** One answer from X's token endpoint; records what was sent. */
function tokenEndpoint(status: number, response: Record<string, unknown>) {
  agent
    .get(API)
    .intercept({ path: '/2/oauth2/token', method: 'POST' })
    .reply((options) => {
      const headers = options.headers as Record<string, string>;
      tokenCalls.push({
        authorization: headers.authorization ?? headers.Authorization,
        body: typeof options.body === 'string' ? options.body : '',
      });
      return { statusCode: status, data: JSON.stringify(response), responseOptions: JSON_HEADERS };
    });
}

function usersMe() {
  agent
    .get(API)
    .intercept({ path: (p) => p.startsWith('/2/users/me'), method: 'GET' })
    .reply(200, { data: { id: '2244994945', name: 'X Dev', username: 'XDevelopers' } }, JSON_HEADERS);
}

const expire = (id: string) =>
  server.db
    .updateTable('connections')
    .set({ expires_at: new Date(Date.now() - 60_000) })
    .where('id', '=', id)
    .execute();

describe('x end to end through the server', () => {
  let connectionId: string;

  it('connects with PKCE and Basic client auth, names the account, posts, and records the run', async () => {
    const authorize = await hop(`${server.url}/oauth/x/authorize?org=${org}`, owner);
    expect(authorize.status).toBe(302);
    const providerUrl = authorize.location as URL;
    expect(providerUrl.origin + providerUrl.pathname).toBe('https://x.com/i/oauth2/authorize');
    expect(providerUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(providerUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(providerUrl.searchParams.get('scope')).toBe('tweet.read tweet.write users.read media.write offline.access');

    tokenEndpoint(200, {
      token_type: 'bearer',
      expires_in: 7200,
      access_token: 'x-access-1',
      scope: 'tweet.read tweet.write users.read media.write offline.access',
      refresh_token: 'x-refresh-1',
    });
    usersMe();
    const state = providerUrl.searchParams.get('state') ?? '';
    const back = await hop(`${server.url}/oauth/callback?code=x-code&state=${encodeURIComponent(state)}`, owner);
    connectionId = back.location?.searchParams.get('connection_id') ?? '';
    expect(connectionId, `connect failed: ${back.location} ${back.text}`).not.toBe('');
    expect(tokenCalls.at(-1)?.authorization).toBe(BASIC);
    const exchange = Object.fromEntries(new URLSearchParams(tokenCalls.at(-1)?.body));
    expect(exchange).toMatchObject({ grant_type: 'authorization_code', code: 'x-code' });
    expect(exchange.code_verifier).toMatch(/^[\w.~-]{43,128}$/);
    expect(exchange.client_secret).toBeUndefined();
    expect(ok(await owner.query('connections.get', { id: connectionId }))).toMatchObject({
      providerAccountId: '2244994945',
      status: 'active',
      metadata: { username: 'XDevelopers' },
    });
    const stored = await storedTokens(server.db, server.engine.ring, connectionId);
    expect(stored).toMatchObject({ accessToken: 'x-access-1', refreshToken: 'x-refresh-1' });

    agent
      .get(API)
      .intercept({ path: '/2/tweets', method: 'POST', headers: { authorization: 'Bearer x-access-1' } })
      .reply(201, { data: { id: '1445880548472328192', text: 'Hello from Patchbay' } }, JSON_HEADERS);
    expect(ok(await owner.mutation('actions.x.createPost', { connectionId, input: { text: 'Hello from Patchbay' } }))).toEqual({
      id: '1445880548472328192',
      text: 'Hello from Patchbay',
    });
    const { runs } = ok(await owner.query('runs.list', { connectionId }));
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'x', action: 'createPost', status: 'succeeded' })]);
    expect(ok(await owner.query('runs.get', { id: runs[0]?.id }))).toMatchObject({ status: 'succeeded', action: 'createPost' });
  });

  it('stores the rotated refresh token and spends the new one on the next refresh', async () => {
    for (const [n, spent] of [
      [2, 'x-refresh-1'],
      [3, 'x-refresh-2'],
    ] as const) {
      await expire(connectionId);
      tokenEndpoint(200, { token_type: 'bearer', expires_in: 7200, access_token: `x-access-${n}`, refresh_token: `x-refresh-${n}` });
      agent
        .get(API)
        .intercept({ path: (p) => p.startsWith('/2/users/me'), method: 'GET', headers: { authorization: `Bearer x-access-${n}` } })
        .reply(200, { data: { id: '2244994945', name: 'X Dev', username: 'XDevelopers' } }, JSON_HEADERS);
      expect(ok(await owner.mutation('actions.x.getMe', { connectionId, input: {} }))).toMatchObject({ id: '2244994945' });
      const sent = new URLSearchParams(tokenCalls.at(-1)?.body);
      expect(Object.fromEntries(sent)).toMatchObject({ grant_type: 'refresh_token', refresh_token: spent });
      expect(tokenCalls.at(-1)?.authorization).toBe(BASIC);
      expect(await storedTokens(server.db, server.engine.ring, connectionId)).toMatchObject({
        accessToken: `x-access-${n}`,
        refreshToken: `x-refresh-${n}`,
      });
    }
  });

  it('a burst of calls on an expired token spends the single-use refresh token once', async () => {
    await expire(connectionId);
    const before = tokenCalls.length;
    tokenEndpoint(200, { token_type: 'bearer', expires_in: 7200, access_token: 'x-access-4', refresh_token: 'x-refresh-4' });
    agent
      .get(API)
      .intercept({ path: (p) => p.startsWith('/2/users/me'), method: 'GET', headers: { authorization: 'Bearer x-access-4' } })
      .reply(200, { data: { id: '2244994945', name: 'X Dev', username: 'XDevelopers' } }, JSON_HEADERS)
      .times(3);
    const calls = await Promise.all([1, 2, 3].map(() => owner.mutation('actions.x.getMe', { connectionId, input: {} })));
    for (const call of calls) expect(ok(call)).toMatchObject({ id: '2244994945' });
    expect(tokenCalls.slice(before).map((c) => new URLSearchParams(c.body).get('refresh_token'))).toEqual(['x-refresh-3']);
    expect(await storedTokens(server.db, server.engine.ring, connectionId)).toMatchObject({ refreshToken: 'x-refresh-4' });
  });

  it("reads X's invalid_request for a spent refresh token as needs_reauth", async () => {
    await expire(connectionId);
    tokenEndpoint(400, { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' });
    const refused = await owner.mutation('actions.x.getMe', { connectionId, input: {} });
    expect(refused.body.error.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'CONNECTION_INACTIVE' });
    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({ status: 'needs_reauth' });
    expect(connection.lastError).toBe('The provider refused the refresh token (invalid_request); authorize again');
  });
});
