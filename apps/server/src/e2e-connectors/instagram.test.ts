/**
 * instagram end to end through the real server: Business Login (code exchanged at
 * api.instagram.com), the one-hour token swapped for a 60-day one (`ig_exchange_token`), an
 * action with its run record, then the scheduled refresh renewing a token 10 days before it
 * would die (`ig_refresh_token`, no refresh token), and a refused renewal marking the connection
 * `needs_reauth`. Only Instagram's hosts are faked (undici MockAgent).
 */
import instagram from '@patchbay/connector-instagram';
import { hmacSha256 } from '@patchbay/sdk';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedTokens } from '../testing/connect-acme.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { fakeGraphHost, type SeenRequest } from './graph-fake.ts';

const CLIENT_ID = 'ig-app-id';
const CLIENT_SECRET = 'ig-app-secret-never-shown';
const IG = '17841400000000001';
const DAY_MS = 24 * 3600 * 1000;

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let previous: Dispatcher;
let graphSeen: SeenRequest[];
let exchanges: SeenRequest[];
let issued = 0;
const live = new Set<string>();
let refuseRefresh = false;

function graph(request: SeenRequest) {
  const { method, path, query } = request;
  if (
    method === 'GET' &&
    path === '/access_token' &&
    query.grant_type === 'ig_exchange_token' &&
    query.access_token?.startsWith('IGQshort')
  ) {
    const token = `IGAAlong-${++issued}`;
    live.add(token);
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: 5183944 } };
  }
  if (method === 'GET' && path === '/refresh_access_token' && query.grant_type === 'ig_refresh_token') {
    if (refuseRefresh || !live.has(query.access_token ?? ''))
      return { status: 400, body: { error: { message: 'Error validating access token', type: 'OAuthException', code: 190 } } };
    const token = `IGAAlong-${++issued}`;
    live.add(token);
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: 5184000 } };
  }
  const bearer = request.authorization?.replace(/^Bearer /, '') ?? '';
  if (!live.has(bearer)) return { status: 400, body: { error: { message: 'Invalid OAuth access token', code: 190 } } };
  if (method === 'GET' && path === '/v25.0/me') return { status: 200, body: { id: '2500', user_id: IG, username: 'bikeshop' } };
  if (method === 'POST' && path === '/v25.0/me/subscribed_apps' && query.subscribed_fields === 'comments')
    return { status: 200, body: { success: true } };
  if (method === 'GET' && path === `/v25.0/${IG}/content_publishing_limit`)
    return { status: 200, body: { data: [{ quota_usage: 2, config: { quota_total: 50, quota_duration: 86400 } }] } };
  return undefined;
}

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  setGlobalDispatcher(agent);
  graphSeen = fakeGraphHost(agent, 'https://graph.instagram.com', graph);
  exchanges = fakeGraphHost(agent, 'https://api.instagram.com', (request) =>
    request.method === 'POST' && request.path === '/oauth/access_token'
      ? {
          status: 200,
          body: {
            data: [
              {
                access_token: `IGQshort-${exchanges.length}`,
                user_id: IG,
                permissions: 'instagram_business_basic,instagram_business_content_publish',
              },
            ],
          },
        }
      : undefined,
  );
  server = await startTestServer({ connectors: [instagram] });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `ig-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'Insta' })).id;
  owner = user.withOrg(org);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'instagram', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }));
});
afterAll(async () => {
  await server?.close();
  setGlobalDispatcher(previous);
  await agent?.close();
});

async function connect(): Promise<string> {
  const authorize = await hop(`${server.url}/oauth/instagram/authorize?org=${org}`, owner);
  const providerUrl = authorize.location as URL;
  expect(providerUrl.origin + providerUrl.pathname).toBe('https://www.instagram.com/oauth/authorize');
  expect(providerUrl.searchParams.get('scope')).toBe(
    'instagram_business_basic,instagram_business_content_publish,instagram_business_manage_comments',
  );
  const state = providerUrl.searchParams.get('state') ?? '';
  const back = await hop(`${server.url}/oauth/callback?code=ig-code&state=${encodeURIComponent(state)}`, owner);
  const id = back.location?.searchParams.get('connection_id');
  if (!id) throw new Error(`connect failed: ${back.location} ${back.text}`);
  return id;
}
const setExpiry = (id: string, inMs: number) =>
  server.db
    .updateTable('connections')
    .set({ expires_at: new Date(Date.now() + inMs) })
    .where('id', '=', id)
    .execute();
const limit = (connectionId: string) => owner.mutation('actions.instagram.getPublishingLimit', { connectionId, input: {} });

describe('instagram end to end', () => {
  let connectionId: string;

  it('connects: code exchange, then the 60-day token from ig_exchange_token and the account id', async () => {
    connectionId = await connect();
    expect(exchanges).toHaveLength(1);
    expect(graphSeen.find((r) => r.path === '/access_token')?.query).toEqual({
      grant_type: 'ig_exchange_token',
      client_secret: CLIENT_SECRET,
      access_token: 'IGQshort-1',
    });
    const stored = await storedTokens(server.db, server.engine.ring, connectionId);
    expect(stored.accessToken).toBe('IGAAlong-1');
    expect(stored.refreshToken).toBeUndefined();
    expect((stored.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * DAY_MS);
    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({ status: 'active', providerAccountId: IG, metadata: { igUserId: IG, username: 'bikeshop' } });
  });

  it('runs an action with the long-lived token and records it', async () => {
    expect(ok(await limit(connectionId))).toEqual({ quotaUsage: 2, quotaTotal: 50, quotaDurationSeconds: 86400 });
    expect(graphSeen.at(-1)?.authorization).toBe('Bearer IGAAlong-1');
    const { runs } = ok(await owner.query('runs.list', { connectionId }));
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'instagram', action: 'getPublishingLimit', status: 'succeeded' })]);
  });

  it('comments trigger: the account subscribes the app, Meta checks the URL, a comment retried three times is stored once', async () => {
    expect(ok(await owner.mutation('actions.instagram.subscribeWebhooks', { connectionId, input: {} }))).toEqual({ success: true });
    const sub = ok(await owner.mutation('triggers.subscribe', { connectionId, trigger: 'comments', signingSecret: CLIENT_SECRET }));
    const check = (token: string) =>
      fetch(`${sub.url}?${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '5150' })}`);
    const challenge = await check(sub.verifyToken);
    expect([challenge.status, await challenge.text()]).toEqual([200, '5150']);
    expect((await check('a-guessed-token')).status).not.toBe(200);

    const body = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: IG,
          time: 1_764_000_000,
          changes: [
            {
              field: 'comments',
              value: { id: '17865799348089039', text: 'Nice!', from: { id: '42', username: 'ada' }, media: { id: '9' } },
            },
          ],
        },
      ],
    });
    const sign = (secret: string) => ({ 'x-hub-signature-256': `sha256=${hmacSha256(secret, [body])}` });
    for (let i = 0; i < 3; i++) expect((await fetch(sub.url, { method: 'POST', body, headers: sign(CLIENT_SECRET) })).status).toBe(200);
    expect((await fetch(sub.url, { method: 'POST', body, headers: sign('not-the-app-secret') })).status).toBe(401);
    const tampered = body.replace('Nice!', 'Nice?');
    expect((await fetch(sub.url, { method: 'POST', body: tampered, headers: sign(CLIENT_SECRET) })).status).toBe(401);
    const { events } = ok(await owner.query('events.list', { subscriptionId: sub.id }));
    expect(events.map((e: { providerEventId: string; type: string }) => [e.providerEventId, e.type])).toEqual([
      [`${IG}:comments:17865799348089039`, 'comments'],
    ]);
    ok(await owner.mutation('triggers.unsubscribe', { id: sub.id }));
  });

  it('the scheduled refresh renews the token 10 days before expiry with ig_refresh_token, not earlier', async () => {
    await setExpiry(connectionId, 11 * DAY_MS);
    expect(await server.engine.refreshDueConnections()).toEqual({ refreshed: 0, failed: 0 });
    await setExpiry(connectionId, 9 * DAY_MS);
    expect(await server.engine.refreshDueConnections()).toEqual({ refreshed: 1, failed: 0 });
    expect(graphSeen.filter((r) => r.path === '/refresh_access_token').at(-1)?.query).toEqual({
      grant_type: 'ig_refresh_token',
      access_token: 'IGAAlong-1',
    });
    const after = await storedTokens(server.db, server.engine.ring, connectionId);
    expect(after.accessToken).toBe('IGAAlong-2');
    expect((after.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * DAY_MS);
    expect(ok(await limit(connectionId)).quotaUsage).toBe(2);
    expect(graphSeen.at(-1)?.authorization).toBe('Bearer IGAAlong-2');
  });

  it('a refused renewal (error 190 at HTTP 400) marks the connection needs_reauth', async () => {
    refuseRefresh = true;
    await setExpiry(connectionId, 9 * DAY_MS);
    expect(await server.engine.refreshDueConnections()).toEqual({ refreshed: 0, failed: 1 });
    expect(ok(await owner.query('connections.get', { id: connectionId })).status).toBe('needs_reauth');
  });
});
