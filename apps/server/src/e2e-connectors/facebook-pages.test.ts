/**
 * facebook-pages end to end through the real server: Facebook Login (the code exchanged with a
 * GET), the short-lived user token swapped for a long-lived one, the user's Pages listed by
 * `discover`, one chosen with `connections.setAccount`, then a post published with that Page's
 * own token and its run record read back. Only graph.facebook.com is faked (undici MockAgent).
 */
import facebookPages, { signMetaWebhook } from '@patchbay/connector-facebook-pages';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedTokens } from '../testing/connect-acme.ts';
import { submitConnectForm } from '../testing/connect-form.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { fakeGraphHost, type SeenRequest } from './graph-fake.ts';

const CLIENT_ID = 'fb-app-id';
const CLIENT_SECRET = 'fb-app-secret-never-shown';
const PAGE_TOKENS: Record<string, string> = { '101': 'EAAGpage-bakery', '202': 'EAAGpage-bikes' };
const DAY_MS = 24 * 3600 * 1000;

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let previous: Dispatcher;
let seen: SeenRequest[];

function graph(request: SeenRequest) {
  const { method, path, query } = request;
  if (method === 'GET' && path === '/v25.0/oauth/access_token' && query.code === 'fb-code')
    return { status: 200, body: { access_token: 'EAAGshort', token_type: 'bearer', expires_in: 5400 } };
  if (method === 'GET' && path === '/v25.0/oauth/access_token' && query.grant_type === 'fb_exchange_token')
    return query.fb_exchange_token === 'EAAGshort'
      ? { status: 200, body: { access_token: 'EAAGlong', token_type: 'bearer', expires_in: 5183944 } }
      : { status: 400, body: { error: { message: 'Invalid OAuth access token', code: 190 } } };
  if (method === 'GET' && path === '/v25.0/me' && request.authorization === 'Bearer EAAGlong')
    return { status: 200, body: { id: '10158', name: 'Ada' } };
  if (method === 'GET' && path === '/v25.0/me/accounts' && request.authorization === 'Bearer EAAGlong')
    return {
      status: 200,
      body: {
        data: [
          { id: '101', name: 'Bakery', category: 'Food', tasks: ['CREATE_CONTENT'], access_token: PAGE_TOKENS['101'] },
          { id: '202', name: 'Bike shop', category: 'Retail', tasks: ['CREATE_CONTENT', 'MODERATE'], access_token: PAGE_TOKENS['202'] },
        ],
        paging: { cursors: { before: 'B', after: 'A' } },
      },
    };
  if (method === 'POST' && path === '/v25.0/202/feed' && request.authorization === `Bearer ${PAGE_TOKENS['202']}`)
    return { status: 200, body: { id: '202_9001' } };
  if (method === 'POST' && path === '/v25.0/202/subscribed_apps' && request.authorization === `Bearer ${PAGE_TOKENS['202']}`)
    return { status: 200, body: { success: true } };
  if (method === 'POST' && path.endsWith('/feed')) return { status: 400, body: { error: { message: '(#200) not this Page', code: 200 } } };
  return undefined;
}

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  setGlobalDispatcher(agent);
  seen = fakeGraphHost(agent, 'https://graph.facebook.com', graph);
  server = await startTestServer({ connectors: [facebookPages] });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `fb-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'Pages' })).id;
  owner = user.withOrg(org);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'facebook-pages', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }));
});
afterAll(async () => {
  await server?.close();
  setGlobalDispatcher(previous);
  await agent?.close();
});

describe('facebook-pages end to end', () => {
  let connectionId: string;

  it('connects: GET code exchange, long-lived user token, two Pages found so the user must choose', async () => {
    const authorize = await hop(`${server.url}/oauth/facebook-pages/authorize?org=${org}`, owner);
    expect(authorize.status).toBe(302);
    const providerUrl = authorize.location as URL;
    expect(providerUrl.origin + providerUrl.pathname).toBe('https://www.facebook.com/v25.0/dialog/oauth');
    expect(providerUrl.searchParams.get('scope')).toBe(
      'pages_show_list,pages_read_engagement,pages_manage_posts,pages_manage_engagement,read_insights,pages_manage_metadata',
    );
    const state = providerUrl.searchParams.get('state') ?? '';
    const back = await hop(`${server.url}/oauth/callback?code=fb-code&state=${encodeURIComponent(state)}`, owner);
    expect(back.location?.searchParams.get('status')).toBe('connected');
    expect(back.location?.searchParams.get('account')).toBe('choose');
    connectionId = back.location?.searchParams.get('connection_id') ?? '';

    const exchange = seen.find((r) => r.query.code === 'fb-code');
    expect(exchange?.method).toBe('GET');
    expect(exchange?.query).toMatchObject({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(seen.find((r) => r.query.grant_type === 'fb_exchange_token')?.query).toEqual({
      grant_type: 'fb_exchange_token',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      fb_exchange_token: 'EAAGshort',
    });
    const stored = await storedTokens(server.db, server.engine.ring, connectionId);
    expect(stored.accessToken).toBe('EAAGlong');
    expect((stored.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * DAY_MS);
    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({ status: 'active', providerAccountId: '10158' });
    expect(connection.metadata).toMatchObject({ userId: '10158', tokenKind: 'long-lived', account: null });
  });

  it('lists the Pages without their tokens, chooses one, and publishes as that Page with its Page token', async () => {
    expect(ok(await owner.query('connections.discover', { id: connectionId }))).toEqual([
      { id: '101', name: 'Bakery', metadata: { category: 'Food', tasks: ['CREATE_CONTENT'] } },
      { id: '202', name: 'Bike shop', metadata: { category: 'Retail', tasks: ['CREATE_CONTENT', 'MODERATE'] } },
    ]);
    expect(ok(await owner.mutation('connections.setAccount', { id: connectionId, accountId: '202' }))).toMatchObject({
      id: '202',
      name: 'Bike shop',
    });
    const out = ok(await owner.mutation('actions.facebook-pages.publishPost', { connectionId, input: { message: 'New bikes in' } }));
    expect(out).toEqual({ id: '202_9001', scheduled: false });
    expect(seen.filter((r) => r.path === '/v25.0/202/feed').map((r) => r.authorization)).toEqual([`Bearer ${PAGE_TOKENS['202']}`]);

    const { runs } = ok(await owner.query('runs.list', { connectionId }));
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'facebook-pages', action: 'publishPost', status: 'succeeded' })]);
    const run = ok(await owner.query('runs.get', { id: runs[0].id }));
    expect(JSON.stringify(run)).not.toContain(PAGE_TOKENS['202']);
    expect(JSON.stringify(ok(await owner.query('connections.get', { id: connectionId })))).not.toContain(PAGE_TOKENS['202']);
  });

  it('feed trigger: the Page installs the app, Meta checks the URL with hub.challenge, a signed change becomes one event', async () => {
    expect(ok(await owner.mutation('actions.facebook-pages.subscribePageWebhooks', { connectionId, input: {} }))).toEqual({
      success: true,
    });
    expect(seen.filter((r) => r.path === '/v25.0/202/subscribed_apps')).toHaveLength(1);

    const sub = ok(await owner.mutation('triggers.subscribe', { connectionId, trigger: 'feed', signingSecret: CLIENT_SECRET }));
    const challenge = await fetch(
      `${sub.url}?${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': sub.verifyToken, 'hub.challenge': '8841' })}`,
    );
    expect(challenge.status).toBe(200);
    expect(await challenge.text()).toBe('8841');

    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: '202',
          time: 1_764_000_000,
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                post_id: '202_9001',
                comment_id: '9001_77',
                message: 'Open Sunday?',
                created_time: 1_764_000_000,
              },
            },
          ],
        },
      ],
    });
    // Meta retries a delivery it thinks failed: the same change is stored once.
    for (let i = 0; i < 2; i++)
      expect((await fetch(sub.url, { method: 'POST', body, headers: signMetaWebhook(body, CLIENT_SECRET) })).status).toBe(200);
    expect((await fetch(sub.url, { method: 'POST', body, headers: signMetaWebhook(body, 'not-the-app-secret') })).status).toBe(401);
    const { events } = ok(await owner.query('events.list', { subscriptionId: sub.id }));
    expect(events.map((e: { providerEventId: string; type: string }) => [e.providerEventId, e.type])).toEqual([
      ['202:comment:add:9001_77:1764000000', 'feed.comment.add'],
    ]);
  });
});

describe('facebook-pages through a connect link', () => {
  it("an end user logs in, chooses a Page on Patchbay's page, and returns to the app with the connection", async () => {
    // Another organization, so this login is a new connection rather than the first test's again.
    const user = new HttpSession(server.url);
    await signUpVerified(user, server.outbox, `fb-link-${Date.now()}@example.com`);
    const shop = user.withOrg(ok(await user.mutation('orgs.create', { name: 'Shop app' })).id);
    ok(await shop.mutation('orgs.setReturnOrigins', { origins: ['https://app.example.com'] }));
    ok(await shop.mutation('oauthApps.set', { connectorId: 'facebook-pages', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }));
    const url = ok(
      await shop.mutation('connectSessions.create', {
        connectorId: 'facebook-pages',
        endUserId: 'merchant-9',
        returnTo: 'https://app.example.com/done',
      }),
    ).url as string;

    const browser = new HttpSession(server.url);
    const page = await hop(url, browser);
    expect(page.text).toContain('<code>pages_manage_posts</code>');
    const start = await submitConnectForm(url, {}, browser);
    const state = start.location?.searchParams.get('state') ?? '';
    const back = await hop(`${server.url}/oauth/callback?code=fb-code&state=${encodeURIComponent(state)}`, browser);
    expect(back.location?.toString()).toBe(`${server.url}/connect/account`);
    const choose = await hop(back.location ?? '', browser);
    expect(choose.text).toContain('Bakery');
    expect(choose.text).toContain('Bike shop');
    const chosen = await hop(`${server.url}/connect/account`, browser, {
      method: 'POST',
      body: new URLSearchParams({ account: '202' }),
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(`${chosen.location?.origin}${chosen.location?.pathname}`).toBe('https://app.example.com/done');
    const id = chosen.location?.searchParams.get('connection_id') ?? '';
    const connection = ok(await shop.query('connections.get', { id }));
    expect(connection).toMatchObject({ endUserId: 'merchant-9', metadata: { account: { id: '202', name: 'Bike shop' } } });
  });
});
