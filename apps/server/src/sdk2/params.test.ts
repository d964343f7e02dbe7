/**
 * End to end through the real server, real Postgres and a local fake upstream: connection
 * parameters chose the host of a Shopify-like connector's API and OAuth endpoints (refused
 * before any redirect or request when they do not give an allowed host), and a
 * Facebook-Pages-like connector's `discover` lets an admin choose a Page whose token the
 * action's request then carries. `*.myshopify.com` resolves to the fake at the network edge: the
 * engine's egress lookup for API calls, and the process's fetch dispatcher for the OAuth hops.
 */
import { randomUUID } from 'node:crypto';
import { Agent, type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, HttpSession, ok } from '../testing/http-session.ts';
import { hop, walkConnectLink, walkToCallback } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { CUSTOM_APP_TOKEN, pagesLike, shopKey, shopLike } from './params-connector.ts';
import { loopbackConnectLookup, loopbackLookup, type ParamsUpstream, startParamsUpstream } from './params-upstream.ts';

const RETURN_TO = 'https://app.example.com/connected';

let upstream: ParamsUpstream;
let server: TestServer;
let previousDispatcher: Dispatcher;

interface Tenant {
  org: string;
  owner: HttpSession;
}

async function makeTenant(name: string): Promise<Tenant> {
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `params-${name}-${Date.now()}@example.com`);
  const org = ok(await user.mutation('orgs.create', { name })).id as string;
  const owner = user.withOrg(org);
  ok(await owner.mutation('orgs.setReturnOrigins', { origins: ['https://app.example.com'] }));
  ok(await owner.mutation('oauthApps.set', { connectorId: 'shoplike', clientId: 'shop-client', clientSecret: 'shop-secret' }));
  ok(await owner.mutation('oauthApps.set', { connectorId: 'pageslike', clientId: 'pages-client', clientSecret: 'pages-secret' }));
  return { org, owner };
}

let A: Tenant;
let B: Tenant;

beforeAll(async () => {
  upstream = await startParamsUpstream();
  // The OAuth hops (the browser's and the token request) use fetch: its dispatcher is the edge.
  previousDispatcher = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ connect: { lookup: loopbackConnectLookup } }));
  server = await startTestServer({
    connectors: [shopLike(upstream.port), shopKey(upstream.port), pagesLike(upstream.url)],
    egressLookup: loopbackLookup,
  });
  A = await makeTenant('alpha');
  B = await makeTenant('beta');
});
afterAll(async () => {
  await server?.close();
  await upstream?.stop();
  if (previousDispatcher) setGlobalDispatcher(previousDispatcher);
});

const authorize = (t: Tenant, connector: string, params?: unknown) =>
  `${server.url}/oauth/${connector}/authorize?${new URLSearchParams({
    org: t.org,
    return_to: RETURN_TO,
    ...(params === undefined ? {} : { params: JSON.stringify(params) }),
  })}`;

async function connect(t: Tenant, connector: string, params?: unknown): Promise<URL> {
  const flow = await walkToCallback(authorize(t, connector, params), t.owner);
  const back = await hop(flow.callbackUrl, flow.browser);
  if (!back.location) throw new Error(`callback answered ${back.status}: ${back.text}`);
  return back.location;
}

describe('connection parameters choose a per-connection host', () => {
  it('the catalog tells a frontend which params to collect and which connectors choose an account', async () => {
    const catalog = ok(await A.owner.query('connectors.list')) as { id: string; paramsSchema?: unknown; choosesAccount: boolean }[];
    const byId = Object.fromEntries(catalog.map((c) => [c.id, c]));
    expect(byId.shoplike?.paramsSchema).toMatchObject({ type: 'object', required: ['shop'], properties: { shop: { type: 'string' } } });
    expect(byId.shoplike?.choosesAccount).toBe(false);
    expect(byId.pageslike?.paramsSchema).toBeUndefined();
    expect(byId.pageslike?.choosesAccount).toBe(true);
  });

  it('connects a shop: the OAuth endpoints and the API are on {shop}.myshopify.com, params are on the connection', async () => {
    const flow = await walkToCallback(authorize(A, 'shoplike', { shop: 'acme' }), A.owner);
    expect(flow.providerUrl.hostname).toBe('acme.myshopify.com');
    expect(flow.providerUrl.pathname).toBe('/admin/oauth/authorize');
    const back = await hop(flow.callbackUrl, flow.browser);
    const id = back.location?.searchParams.get('connection_id') ?? '';
    expect(back.location?.searchParams.get('status')).toBe('connected');
    expect(upstream.seen.filter((r) => r.path === '/admin/oauth/access_token').map((r) => r.host)).toEqual(['acme.myshopify.com']);

    const connection = ok(await A.owner.query('connections.get', { id }));
    expect(connection.metadata).toEqual({ params: { shop: 'acme' } });
    const out = ok(await A.owner.mutation('actions.shoplike.shopInfo', { connectionId: id, input: {} }));
    expect(out).toEqual({ shop: 'acme', servedBy: 'acme.myshopify.com' });
  });

  it("an expired token is refreshed at the connection's own shop host", async () => {
    const id = (await connect(A, 'shoplike', { shop: 'refresh-me' })).searchParams.get('connection_id') ?? '';
    await server.db
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', id)
      .execute();
    const before = upstream.tokenCalls.length;
    const out = ok(await A.owner.mutation('actions.shoplike.shopInfo', { connectionId: id, input: {} }));
    expect(out.servedBy).toBe('refresh-me.myshopify.com');
    expect(upstream.tokenCalls.slice(before)).toEqual([{ host: 'refresh-me.myshopify.com', grantType: 'refresh_token' }]);
  });

  it('a connect session carries validated params to the connect page and the provider', async () => {
    const link = ok(
      await A.owner.mutation('connectSessions.create', { connectorId: 'shoplike', returnTo: RETURN_TO, params: { shop: 'bikes-2' } }),
    );
    const flow = await walkConnectLink(link.url);
    expect(flow.providerUrl.hostname).toBe('bikes-2.myshopify.com');
    const back = await hop(flow.callbackUrl, flow.browser);
    const id = back.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await A.owner.mutation('actions.shoplike.shopInfo', { connectionId: id, input: {} })).servedBy).toBe('bikes-2.myshopify.com');
  });

  it('refuses params that do not give an allowed host before any redirect or provider request', async () => {
    const before = upstream.seen.length;
    for (const shop of ['evil.com#', 'a.myshopify.com.evil.com', 'a/../b', 'ACME', 'bäckerei', '127.0.0.1', 'a@evil.com', '']) {
      const page = await hop(authorize(A, 'shoplike', { shop }), A.owner);
      expect(page.status, shop).toBe(400);
      expect(page.location, shop).toBeUndefined();
      expect(page.text, shop).toContain('params.shop');

      const reply = await A.owner.mutation('connectSessions.create', { connectorId: 'shoplike', returnTo: RETURN_TO, params: { shop } });
      expect(reply.status, shop).toBe(400);
      expect(reply.body.error.data, shop).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT', path: 'params.shop' });
    }
    // Left out, the params are the end user's to give on the connect page (connect-page-params.test.ts).
    const open = ok(await A.owner.mutation('connectSessions.create', { connectorId: 'shoplike', returnTo: RETURN_TO }));
    expect((await hop(open.url)).text).toContain('name="params.shop"');
    expect(upstream.seen.length).toBe(before);
    const flows = await server.db.selectFrom('oauth_flows').select('id').where('connector_id', '=', 'shoplike').execute();
    expect(flows).toEqual([]);
  });
});

describe('connection parameters on connections.create (API-key connectors)', () => {
  const create = (params: unknown, metadata?: unknown) =>
    A.owner.mutation('connections.create', {
      connectorId: 'shopkey',
      credentials: { token: CUSTOM_APP_TOKEN },
      params,
      ...(metadata ? { metadata } : {}),
    });

  it('validates the shop, health-checks on its host, and stores it in metadata.params', async () => {
    const created = ok(await create({ shop: 'corner-store' }, { team: 'ops' }));
    expect(created.metadata).toEqual({ team: 'ops', params: { shop: 'corner-store' } });
    const out = ok(await A.owner.mutation('actions.shopkey.shopInfo', { connectionId: created.id, input: {} }));
    expect(out).toEqual({ shop: 'corner-store', servedBy: 'corner-store.myshopify.com' });
  });

  it("the proxy reaches the connection's own shop host, and only through its declared pattern", async () => {
    const created = ok(await create({ shop: 'proxy-shop' }));
    const key = ok(await A.owner.mutation('apiKeys.create', { name: 'proxy', scopes: ['proxy'] })).key as string;
    const res = await fetch(`${server.url}/proxy/${created.id}/admin/api/2026-10/shop.json`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ host: 'proxy-shop.myshopify.com' });
  });

  it('refuses a bad shop, or params smuggled in metadata, before any request and saves nothing', async () => {
    const before = upstream.seen.length;
    const count = async () =>
      (await server.db.selectFrom('connections').select('id').where('connector_id', '=', 'shopkey').execute()).length;
    const saved = await count();
    for (const [reply, path] of [
      [await create({ shop: 'evil.com#' }), 'params.shop'],
      [await create({}), 'params.shop'],
      [await create({ shop: 'ok' }, { params: { shop: 'evil.com#' } }), 'metadata.params'],
      [await create({ shop: 'ok' }, { account: { id: 'x', name: 'forged' } }), 'metadata.account'],
    ] as const) {
      expect(reply.body.error.data, path).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT', path });
    }
    expect(upstream.seen.length).toBe(before);
    expect(await count()).toBe(saved);
  });
});

describe('choosing an account after connecting', () => {
  let connectionId: string;

  it('two Pages: the connection is made with no account chosen, and actions wait for one', async () => {
    const back = await connect(A, 'pageslike');
    expect(back.searchParams.get('status')).toBe('connected');
    expect(back.searchParams.get('account')).toBe('choose');
    connectionId = back.searchParams.get('connection_id') ?? '';
    expect(ok(await A.owner.query('connections.get', { id: connectionId })).metadata).toEqual({ account: null });
    const refused = await A.owner.mutation('actions.pageslike.publishPost', { connectionId, input: { message: 'hi' } });
    expect(refused.body.error.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'ACCOUNT_NOT_CHOSEN' });
    expect(upstream.seen.filter((r) => r.path.endsWith('/feed'))).toEqual([]);
  });

  it('connections.discover lists both Pages without their tokens; setAccount refuses one the grant lacks', async () => {
    const accounts = ok(await A.owner.query('connections.discover', { id: connectionId }));
    expect(accounts).toEqual([
      { id: 'p1', name: 'Bakery', metadata: { category: 'Food' } },
      { id: 'p2', name: 'Bike shop', metadata: { category: 'Retail' } },
    ]);
    const unknown = await A.owner.mutation('connections.setAccount', { id: connectionId, accountId: 'p9' });
    expect(unknown.body.error.data).toMatchObject({ code: 'NOT_FOUND', reason: 'ACCOUNT_NOT_FOUND' });
  });

  it('setAccount stores the Page; the action posts as that Page with its Page token, never stored in plain text', async () => {
    expect(ok(await A.owner.mutation('connections.setAccount', { id: connectionId, accountId: 'p2' }))).toEqual({
      id: 'p2',
      name: 'Bike shop',
      metadata: { category: 'Retail' },
    });
    const out = ok(await A.owner.mutation('actions.pageslike.publishPost', { connectionId, input: { message: 'New bikes' } }));
    expect(out).toEqual({ id: 'p2_1', page: 'Bike shop' });
    const pageToken = upstream.pageTokens.get('p2') ?? '';
    expect(upstream.seen.filter((r) => r.path === '/p2/feed').map((r) => r.authorization)).toEqual([`Bearer ${pageToken}`]);

    const connection = ok(await A.owner.query('connections.get', { id: connectionId }));
    expect(connection.metadata.account).toEqual({ id: 'p2', name: 'Bike shop', metadata: { category: 'Retail' } });
    expect(JSON.stringify(connection)).not.toContain(pageToken);
    const row = await server.db.selectFrom('connections').selectAll().where('id', '=', connectionId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(pageToken);
    const runs = await server.db.selectFrom('runs').selectAll().where('connection_id', '=', connectionId).execute();
    expect(JSON.stringify(runs)).not.toContain(pageToken);
  });

  it("the user token's refresh keeps the chosen Page's token", async () => {
    await server.db
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', connectionId)
      .execute();
    const before = upstream.tokenCalls.length;
    const out = ok(await A.owner.mutation('actions.pageslike.publishPost', { connectionId, input: { message: 'After refresh' } }));
    expect(out).toEqual({ id: 'p2_1', page: 'Bike shop' });
    expect(upstream.tokenCalls.slice(before).map((c) => c.grantType)).toEqual(['refresh_token']);
    expect(upstream.seen.filter((r) => r.path === '/p2/feed').at(-1)?.authorization).toBe(`Bearer ${upstream.pageTokens.get('p2')}`);
  });

  it('authorizing again in place keeps the chosen Page, with its token, when discover still lists it', async () => {
    const flow = await walkToCallback(`${authorize(A, 'pageslike')}&connection_id=${connectionId}`, A.owner);
    const back = await hop(flow.callbackUrl, flow.browser);
    expect(back.location?.searchParams.get('connection_id')).toBe(connectionId);
    expect(back.location?.searchParams.get('account')).toBeNull();
    expect(ok(await A.owner.query('connections.get', { id: connectionId })).metadata.account.id).toBe('p2');
    expect(ok(await A.owner.mutation('actions.pageslike.publishPost', { connectionId, input: { message: 'Again' } })).id).toBe('p2_1');
  });

  it("another tenant's admin cannot list or choose this connection's accounts: NOT_FOUND, as for an unknown id", async () => {
    for (const id of [connectionId, randomUUID()]) {
      expect(errorCode(await B.owner.query('connections.discover', { id })), id).toBe('NOT_FOUND');
      expect(errorCode(await B.owner.mutation('connections.setAccount', { id, accountId: 'p1' })), id).toBe('NOT_FOUND');
    }
    expect(ok(await A.owner.query('connections.get', { id: connectionId })).metadata.account.id).toBe('p2');
  });
});
