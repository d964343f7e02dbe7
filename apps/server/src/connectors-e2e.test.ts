/**
 * One end-to-end test per OAuth connector through the real server: connect (the provider's
 * token endpoint faked at the HTTP layer with undici's MockAgent), run one action, find its run
 * record. Only the provider is faked; our server, database and OAuth code are the real ones.
 */
import github from '@patchbay/connector-github';
import gmail from '@patchbay/connector-gmail';
import slack from '@patchbay/connector-slack';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, ok } from './testing/http-session.ts';
import { hop } from './testing/oauth-browser.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let previous: Dispatcher;
const tokenRequests: { origin: string; contentType: string | undefined; authorization: string | undefined }[] = [];

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  setGlobalDispatcher(agent);
  server = await startTestServer({ connectors: [slack, github, gmail] });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `e2e-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'E2E' })).id;
  owner = user.withOrg(org);
  for (const connectorId of ['slack', 'github', 'gmail']) {
    ok(
      await owner.mutation('oauthApps.set', {
        connectorId,
        clientId: `${connectorId}-client-id`,
        clientSecret: `${connectorId}-client-secret`,
      }),
    );
  }
});
afterAll(async () => {
  await server?.close();
  setGlobalDispatcher(previous);
  await agent?.close();
});

const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

function fakeTokenEndpoint(origin: string, path: string, response: Record<string, unknown>) {
  agent
    .get(origin)
    .intercept({ path, method: 'POST' })
    .reply((options) => {
      // (Request bodies sent through fetch reach MockAgent as streams; the body encoding itself is
      // covered against oauth2-mock-server in packages/auth.)
      const headers = options.headers as Record<string, string>;
      tokenRequests.push({
        origin,
        contentType: headers['content-type'] ?? headers['Content-Type'],
        authorization: headers.authorization ?? headers.Authorization,
      });
      return { statusCode: 200, data: JSON.stringify(response), responseOptions: { headers: { 'content-type': 'application/json' } } };
    });
}

/** Our authorize endpoint, then straight to our callback as the provider would redirect, with a code. */
async function connect(connectorId: string): Promise<{ connectionId: string; providerUrl: URL }> {
  const authorize = await hop(`${server.url}/oauth/${connectorId}/authorize?org=${org}`, owner);
  expect(authorize.status).toBe(302);
  const providerUrl = authorize.location as URL;
  const state = providerUrl.searchParams.get('state') ?? '';
  const back = await hop(`${server.url}/oauth/callback?code=fake-${connectorId}-code&state=${encodeURIComponent(state)}`, owner);
  const connectionId = back.location?.searchParams.get('connection_id');
  if (!connectionId) throw new Error(`connect failed: ${back.location} ${back.text}`);
  return { connectionId, providerUrl };
}

async function runsOf(connectionId: string) {
  return ok(await owner.query('runs.list', { connectionId })).runs as { status: string; action: string; connectorId: string }[];
}

describe('OAuth connectors end to end through the server', () => {
  it('slack: bot token from oauth.v2.access, then chat.postMessage, recorded', async () => {
    fakeTokenEndpoint('https://slack.com', '/api/oauth.v2.access', {
      ok: true,
      access_token: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
      token_type: 'bot',
      scope: 'chat:write,channels:read',
      bot_user_id: 'U0KRQLJ9H',
      app_id: 'A0KRD7HC3',
      team: { name: 'Slack Softball Team', id: 'T9TK3CUKW' },
    });
    const { connectionId, providerUrl } = await connect('slack');
    expect(providerUrl.origin + providerUrl.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(providerUrl.searchParams.get('scope')).toBe('chat:write,channels:read,reactions:write,users:read,users:read.email');
    const exchange = tokenRequests.at(-1);
    expect(exchange?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(exchange?.authorization).toBe(`Basic ${Buffer.from('slack-client-id:slack-client-secret').toString('base64')}`);
    expect(ok(await owner.query('connections.get', { id: connectionId }))).toMatchObject({
      providerAccountId: 'T9TK3CUKW',
      scopes: ['chat:write', 'channels:read'],
      status: 'active',
    });

    agent
      .get('https://slack.com')
      .intercept({ path: '/api/chat.postMessage', method: 'POST' })
      .reply(200, { ok: true, channel: 'C123ABC456', ts: '1503435956.000247', message: { text: 'Hello' } }, JSON_HEADERS);
    expect(
      ok(await owner.mutation('actions.slack.postMessage', { connectionId, input: { channel: 'C123ABC456', text: 'Hello' } })),
    ).toEqual({
      channel: 'C123ABC456',
      ts: '1503435956.000247',
    });
    expect(await runsOf(connectionId)).toEqual([
      expect.objectContaining({ connectorId: 'slack', action: 'postMessage', status: 'succeeded' }),
    ]);
  });

  it('github: token from login/oauth/access_token (secret in the body, PKCE), then getRepository, recorded', async () => {
    fakeTokenEndpoint('https://github.com', '/login/oauth/access_token', {
      access_token: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
      scope: 'repo',
      token_type: 'bearer',
    });
    const { connectionId, providerUrl } = await connect('github');
    expect(providerUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const exchange = tokenRequests.at(-1);
    // GitHub takes the client secret in the form body, not in a Basic header.
    expect(exchange?.origin).toBe('https://github.com');
    expect(exchange?.authorization).toBeUndefined();
    expect(exchange?.contentType).toMatch(/^application\/x-www-form-urlencoded/);

    agent
      .get('https://api.github.com')
      .intercept({ path: '/repos/octocat/Hello-World', method: 'GET' })
      .reply(
        200,
        {
          id: 1296269,
          node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
          name: 'Hello-World',
          full_name: 'octocat/Hello-World',
          owner: { login: 'octocat', id: 1, type: 'User' },
          private: false,
          visibility: 'public',
          html_url: 'https://github.com/octocat/Hello-World',
          description: 'This your first repo!',
          fork: false,
          archived: false,
          default_branch: 'main',
          stargazers_count: 80,
          open_issues_count: 2,
          pushed_at: '2011-01-26T19:06:43Z',
          updated_at: '2011-01-26T19:14:43Z',
        },
        JSON_HEADERS,
      );
    const repo = ok(
      await owner.mutation('actions.github.getRepository', { connectionId, input: { owner: 'octocat', repo: 'Hello-World' } }),
    );
    expect(repo).toMatchObject({ id: 1296269, fullName: 'octocat/Hello-World' });
    expect(await runsOf(connectionId)).toEqual([
      expect.objectContaining({ connectorId: 'github', action: 'getRepository', status: 'succeeded' }),
    ]);
  });

  it('gmail: offline access with a refresh token, then listMessages, recorded', async () => {
    fakeTokenEndpoint('https://oauth2.googleapis.com', '/token', {
      access_token: 'ya29.a0AfB_byC-fake-gmail-access',
      expires_in: 3599,
      refresh_token: '1//0gfake-gmail-refresh',
      scope: 'https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/gmail.readonly',
      token_type: 'Bearer',
    });
    const { connectionId, providerUrl } = await connect('gmail');
    expect(Object.fromEntries(providerUrl.searchParams)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
    });
    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(new Date(connection.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3500_000);

    agent
      .get('https://gmail.googleapis.com')
      .intercept({ path: (path) => path.startsWith('/gmail/v1/users/me/messages?'), method: 'GET' })
      .reply(200, { messages: [{ id: '18c1', threadId: '18c1' }], resultSizeEstimate: 1 }, JSON_HEADERS);
    expect(ok(await owner.mutation('actions.gmail.listMessages', { connectionId, input: { query: 'is:unread' } }))).toEqual({
      messages: [{ id: '18c1', threadId: '18c1' }],
      nextPageToken: null,
      resultSizeEstimate: 1,
    });
    expect(await runsOf(connectionId)).toEqual([
      expect.objectContaining({ connectorId: 'gmail', action: 'listMessages', status: 'succeeded' }),
    ]);
  });
});
