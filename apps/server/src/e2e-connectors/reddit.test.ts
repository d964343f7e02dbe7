/**
 * Reddit end to end through the real server: connect (token endpoint, /api/v1/me and the API faked
 * at the HTTP layer with undici's MockAgent) with a permanent grant, submit a post, read the run
 * record, refresh, and disconnect with revocation. Every request to Reddit must carry the
 * connector's descriptive User-Agent, the token requests included.
 */
import reddit, { REDDIT_USER_AGENT } from '@patchbay/connector-reddit';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedTokens } from '../testing/connect-acme.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { readRequestBodies } from '../testing/read-request-bodies.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const WWW = 'https://www.reddit.com';
const API = 'https://oauth.reddit.com';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const BASIC = `Basic ${Buffer.from('reddit-client-id:reddit-client-secret').toString('base64')}`;

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let previous: Dispatcher;
const seen: { path: string; userAgent: string | undefined; authorization: string | undefined; body: string }[] = [];

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  setGlobalDispatcher(agent.compose(readRequestBodies((origin) => origin === WWW)));
  server = await startTestServer({ connectors: [reddit] });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `reddit-e2e-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'Reddit E2E' })).id;
  owner = user.withOrg(org);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'reddit', clientId: 'reddit-client-id', clientSecret: 'reddit-client-secret' }));
});
afterAll(async () => {
  await server?.close();
  setGlobalDispatcher(previous);
  await agent?.close();
});

/** One faked answer on `origin`, recording the request's User-Agent, Authorization and body. */
function fake(origin: string, method: string, path: string, status: number, response?: Record<string, unknown>) {
  agent
    .get(origin)
    .intercept({ path: (p) => p.split('?')[0] === path, method })
    .reply((options) => {
      const headers = options.headers as Record<string, string>;
      seen.push({
        path,
        userAgent: headers['user-agent'] ?? headers['User-Agent'],
        authorization: headers.authorization ?? headers.Authorization,
        body: typeof options.body === 'string' ? options.body : '',
      });
      return { statusCode: status, data: response ? JSON.stringify(response) : '', responseOptions: JSON_HEADERS };
    });
}
const last = (path: string) => seen.filter((s) => s.path === path).at(-1);
const form = (path: string) => Object.fromEntries(new URLSearchParams(last(path)?.body));

describe('reddit end to end through the server', () => {
  let connectionId: string;

  it('connects with a permanent grant, Basic client auth and the User-Agent, submits a post, and records the run', async () => {
    const authorize = await hop(`${server.url}/oauth/reddit/authorize?org=${org}`, owner);
    const providerUrl = authorize.location as URL;
    expect(providerUrl.origin + providerUrl.pathname).toBe('https://www.reddit.com/api/v1/authorize');
    expect(providerUrl.searchParams.get('duration')).toBe('permanent');
    expect(providerUrl.searchParams.get('scope')).toBe('identity submit read mysubreddits');
    expect(providerUrl.searchParams.has('code_challenge')).toBe(false);

    fake(WWW, 'POST', '/api/v1/access_token', 200, {
      access_token: 'reddit-access-1',
      token_type: 'bearer',
      expires_in: 86400,
      refresh_token: 'reddit-refresh-1',
      scope: 'identity submit read mysubreddits',
    });
    fake(API, 'GET', '/api/v1/me', 200, { id: '1w72', name: 'spez', created_utc: 1_118_030_400, link_karma: 1, comment_karma: 2 });
    const state = providerUrl.searchParams.get('state') ?? '';
    const back = await hop(`${server.url}/oauth/callback?code=reddit-code&state=${encodeURIComponent(state)}`, owner);
    connectionId = back.location?.searchParams.get('connection_id') ?? '';
    expect(connectionId, `connect failed: ${back.location} ${back.text}`).not.toBe('');

    const exchange = last('/api/v1/access_token');
    expect(exchange).toMatchObject({ userAgent: REDDIT_USER_AGENT, authorization: BASIC });
    expect(form('/api/v1/access_token')).toMatchObject({ grant_type: 'authorization_code', code: 'reddit-code' });
    expect(last('/api/v1/me')).toMatchObject({ userAgent: REDDIT_USER_AGENT, authorization: 'Bearer reddit-access-1' });
    expect(ok(await owner.query('connections.get', { id: connectionId }))).toMatchObject({
      providerAccountId: '1w72',
      status: 'active',
      metadata: { username: 'spez' },
    });

    fake(API, 'POST', '/api/submit', 200, {
      json: { errors: [], data: { url: 'https://www.reddit.com/r/test/comments/1h4abcd/hello/', id: '1h4abcd', name: 't3_1h4abcd' } },
    });
    const post = ok(
      await owner.mutation('actions.reddit.submitPost', {
        connectionId,
        input: { subreddit: 'test', title: 'Hello', kind: 'self', text: 'From Patchbay' },
      }),
    );
    expect(post).toEqual({ id: '1h4abcd', name: 't3_1h4abcd', url: 'https://www.reddit.com/r/test/comments/1h4abcd/hello/' });
    expect(last('/api/submit')).toMatchObject({ userAgent: REDDIT_USER_AGENT, authorization: 'Bearer reddit-access-1' });
    const { runs } = ok(await owner.query('runs.list', { connectionId }));
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'reddit', action: 'submitPost', status: 'succeeded' })]);
    expect(ok(await owner.query('runs.get', { id: runs[0]?.id }))).toMatchObject({ status: 'succeeded' });
  });

  it('a json.errors refusal reaches the caller as INVALID_INPUT with the field, and is recorded as failed', async () => {
    fake(API, 'POST', '/api/submit', 200, { json: { errors: [['NO_SELFS', "This community doesn't allow text posts", 'sr']] } });
    const refused = await owner.mutation('actions.reddit.submitPost', {
      connectionId,
      input: { subreddit: 'pics', title: 'Hello', kind: 'self', text: 'x' },
    });
    expect(refused.body.error.data).toMatchObject({ reason: 'INVALID_INPUT', path: 'sr' });
    const { runs } = ok(await owner.query('runs.list', { connectionId }));
    expect(runs.map((r: { status: string }) => r.status).sort()).toEqual(['failed', 'succeeded']);
  });

  it('refreshes with the User-Agent and keeps the refresh token when Reddit sends none back', async () => {
    await server.db
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', connectionId)
      .execute();
    fake(WWW, 'POST', '/api/v1/access_token', 200, {
      access_token: 'reddit-access-2',
      token_type: 'bearer',
      expires_in: 86400,
      scope: 'identity submit read mysubreddits',
    });
    fake(API, 'GET', '/api/v1/me', 200, { id: '1w72', name: 'spez', created_utc: 1_118_030_400, link_karma: 1, comment_karma: 2 });
    expect(ok(await owner.mutation('actions.reddit.getMe', { connectionId, input: {} }))).toMatchObject({ name: 'spez' });
    expect(last('/api/v1/access_token')).toMatchObject({ userAgent: REDDIT_USER_AGENT, authorization: BASIC });
    expect(form('/api/v1/access_token')).toEqual({ grant_type: 'refresh_token', refresh_token: 'reddit-refresh-1' });
    expect(await storedTokens(server.db, server.engine.ring, connectionId)).toMatchObject({
      accessToken: 'reddit-access-2',
      refreshToken: 'reddit-refresh-1',
    });
  });

  it("disconnecting revokes the refresh token; Reddit's 204 counts as revoked", async () => {
    fake(WWW, 'POST', '/api/v1/revoke_token', 204);
    expect(ok(await owner.mutation('connections.delete', { id: connectionId }))).toMatchObject({
      id: connectionId,
      revokedAtProvider: true,
    });
    expect(last('/api/v1/revoke_token')).toMatchObject({ userAgent: REDDIT_USER_AGENT, authorization: BASIC });
    expect(form('/api/v1/revoke_token')).toEqual({ token: 'reddit-refresh-1', token_type_hint: 'refresh_token' });
  });
});
