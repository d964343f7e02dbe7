/**
 * Shopify end to end through the real server: the `shop` parameter picks the host of the OAuth
 * endpoints and the API, the signed callback (`hmac`) is checked before the code is exchanged,
 * an action runs at the shop's own host with `X-Shopify-Access-Token` and is recorded, an hour
 * token is refreshed there, and the order webhook is subscribed by GraphQL and received signed
 * with the app's client secret. Shopify itself is faked at the HTTP layer (undici MockAgent, as
 * the fetch dispatcher and as the engine's dispatcher for templated hosts); our server, database
 * and OAuth code are the real ones.
 */
import shopify, { SHOPIFY_API_VERSION, signShopifyCallback, signShopifyWebhook } from '@patchbay/connector-shopify';
import type { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { type ProviderE2E, startProviderE2E } from '../testing/provider-e2e.ts';
import type { TestServer } from '../testing/test-server.ts';

const CLIENT_SECRET = 'shpss_e2e_client_secret';
const SHOP_ORIGIN = 'https://acme.myshopify.com';
const GRAPHQL = `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let e2e: ProviderE2E;
/** Every token request body Shopify's fake received, read as it arrives. */
const tokenBodies: Promise<string>[] = [];
/** Every GraphQL request: its access-token header, and its body read as it arrives. */
const graphqlRequests: { token: string | undefined; body: Promise<string> }[] = [];

beforeAll(async () => {
  e2e = await startProviderE2E({
    connectors: [shopify],
    email: `shopify-${Date.now()}@example.com`,
    orgName: 'Shop owner',
    server: (agent) => ({ hostDispatcher: agent }),
  });
  ({ server, owner, org, agent } = e2e);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'shopify', clientId: 'shopify-client-id', clientSecret: CLIENT_SECRET }));
});
afterAll(() => e2e?.close());

/**
 * Reads a request body as a MockAgent body matcher sees it: a string from undici's request, an
 * async iterable from fetch (which can be read once, so a body already taken is skipped).
 */
const taken = new WeakSet<object>();
function readBody(body: unknown, into: (text: Promise<string>) => void): boolean {
  if (typeof body === 'string') into(Promise.resolve(body));
  else if (body && typeof body === 'object' && Symbol.asyncIterator in body && !taken.has(body)) {
    taken.add(body);
    into(
      (async () => {
        let text = '';
        for await (const chunk of body as AsyncIterable<Uint8Array | string>)
          text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        return text;
      })(),
    );
  }
  return true;
}

/** Shopify's token endpoint at the shop's host: one answer, the request's form recorded. */
function fakeTokenEndpoint(accessToken: string, refreshToken: string) {
  const data = {
    access_token: accessToken,
    scope: 'read_orders,read_products',
    expires_in: 3600,
    refresh_token: refreshToken,
    refresh_token_expires_in: 7_776_000,
  };
  agent
    .get(SHOP_ORIGIN)
    .intercept({ path: '/admin/oauth/access_token', method: 'POST', body: (b) => readBody(b, (text) => tokenBodies.push(text)) })
    .reply(200, data, JSON_HEADERS);
}

const lastTokenForm = async () => new URLSearchParams(await tokenBodies.at(-1));

/** The GraphQL Admin endpoint at the shop's host: answers `data`, records the request. */
function fakeGraphql(data: unknown) {
  let body: Promise<string> = Promise.resolve('{}');
  agent
    .get(SHOP_ORIGIN)
    .intercept({
      path: GRAPHQL,
      method: 'POST',
      body: (b) =>
        readBody(b, (text) => {
          body = text;
        }),
    })
    .reply((options) => {
      const headers = options.headers as Record<string, string>;
      graphqlRequests.push({ token: headers['x-shopify-access-token'], body });
      return { statusCode: 200, data: JSON.stringify({ data }), responseOptions: JSON_HEADERS };
    });
}

async function lastGraphql(): Promise<{ token: string | undefined; query: string; variables: Record<string, unknown> }> {
  const last = graphqlRequests.at(-1);
  if (!last) throw new Error('no GraphQL request reached the fake');
  return { token: last.token, ...JSON.parse(await last.body) };
}

/** Starts a flow for `shop` and returns the consent URL Shopify would show. */
async function begin(shop: string): Promise<URL> {
  const params = encodeURIComponent(JSON.stringify({ shop }));
  const authorize = await hop(`${server.url}/oauth/shopify/authorize?org=${org}&params=${params}`, owner);
  expect(authorize.status).toBe(302);
  return authorize.location as URL;
}

/** Shopify's redirect back: the query it signs with the client secret, then what we change of it. */
function callbackQuery(consent: URL, sign: (q: Record<string, string>) => Record<string, string>) {
  const query = {
    code: 'a2c4e6f8shopifycode',
    host: Buffer.from('admin.shopify.com/store/acme').toString('base64url'),
    shop: 'acme.myshopify.com',
    state: consent.searchParams.get('state') ?? '',
    timestamp: String(Math.floor(Date.now() / 1000)),
  };
  return new URLSearchParams(sign(query));
}

async function connect(): Promise<string> {
  fakeTokenEndpoint('shpat_e2e_first_access_token', 'shprt_e2e_first_refresh');
  const consent = await begin('acme');
  const back = await hop(`${server.url}/oauth/callback?${callbackQuery(consent, (q) => signShopifyCallback(q, CLIENT_SECRET))}`, owner);
  const connectionId = back.location?.searchParams.get('connection_id');
  if (!connectionId) throw new Error(`connect failed: ${back.location} ${back.text}`);
  return connectionId;
}

const productsPage = {
  products: {
    nodes: [
      {
        id: 'gid://shopify/Product/108828309',
        title: 'Draft',
        handle: 'draft',
        status: 'DRAFT',
        updatedAt: '2026-12-01T10:00:00Z',
        variants: { nodes: [{ id: 'gid://shopify/ProductVariant/1', sku: 'D-1', price: '9.00', inventoryQuantity: 3 }] },
      },
    ],
    pageInfo: { hasNextPage: false, endCursor: null },
  },
};

describe('shopify end to end', () => {
  let connectionId = '';

  it('sends the consent screen and the token request to the shop host, with comma scopes and expiring=1', async () => {
    const consent = await begin('acme');
    expect(consent.origin + consent.pathname).toBe(`${SHOP_ORIGIN}/admin/oauth/authorize`);
    expect(consent.searchParams.get('client_id')).toBe('shopify-client-id');
    expect(consent.searchParams.get('scope')).toContain('read_orders,read_products,write_products');

    connectionId = await connect();
    const exchange = await lastTokenForm();
    expect(exchange.get('code')).toBe('a2c4e6f8shopifycode');
    expect(exchange.get('expiring')).toBe('1');
    expect(exchange.get('client_secret')).toBe(CLIENT_SECRET);
    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({
      status: 'active',
      metadata: { params: { shop: 'acme' } },
      scopes: ['read_orders', 'read_products'],
    });
  });

  it('refuses a bad shop before any redirect', async () => {
    const params = encodeURIComponent(JSON.stringify({ shop: 'acme.myshopify.com.evil.com' }));
    const res = await hop(`${server.url}/oauth/shopify/authorize?org=${org}&params=${params}`, owner);
    expect(res.status).toBe(400);
  });

  it('refuses a callback with a missing or wrong hmac, or signed for another shop, and exchanges no code', async () => {
    const before = tokenBodies.length;
    const cases: ((q: Record<string, string>) => Record<string, string>)[] = [
      (q) => q,
      (q) => signShopifyCallback(q, 'shpss_someone_else'),
      (q) => ({ ...signShopifyCallback(q, CLIENT_SECRET), code: 'swapped-code' }),
      (q) => signShopifyCallback({ ...q, shop: 'other.myshopify.com' }, CLIENT_SECRET),
    ];
    for (const sign of cases) {
      const consent = await begin('acme');
      const back = await hop(`${server.url}/oauth/callback?${callbackQuery(consent, sign)}`, owner);
      expect(back.status).toBe(302);
      expect(back.location?.searchParams.get('error')).toBe('callback_unverified');
      expect(back.location?.searchParams.get('connection_id')).toBeNull();
    }
    expect(tokenBodies.length).toBe(before);
  });

  it('runs listProducts at the shop host with X-Shopify-Access-Token, and records the run', async () => {
    fakeGraphql(productsPage);
    const out = ok(await owner.mutation('actions.shopify.listProducts', { connectionId, input: { first: 1 } }));
    expect(out.products[0]).toMatchObject({ id: 'gid://shopify/Product/108828309', variants: [{ sku: 'D-1' }] });
    expect((await lastGraphql()).token).toBe('shpat_e2e_first_access_token');
    const runs = ok(await owner.query('runs.list', { connectionId })).runs as { id: string; action: string; status: string }[];
    expect(runs).toEqual([expect.objectContaining({ action: 'listProducts', status: 'succeeded' })]);
    const run = ok(await owner.query('runs.get', { id: runs[0]?.id }));
    expect(run).toMatchObject({ connectorId: 'shopify', action: 'listProducts', status: 'succeeded' });
  });

  it('refreshes an expired hour token at the shop host with the rotating refresh token', async () => {
    await server.db
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', connectionId)
      .execute();
    fakeTokenEndpoint('shpat_e2e_second_access_token', 'shprt_e2e_second_refresh');
    fakeGraphql(productsPage);
    ok(await owner.mutation('actions.shopify.listProducts', { connectionId, input: {} }));
    const refresh = await lastTokenForm();
    expect(refresh.get('grant_type')).toBe('refresh_token');
    expect(refresh.get('refresh_token')).toBe('shprt_e2e_first_refresh');
    expect(refresh.get('expiring')).toBe('1');
    expect((await lastGraphql()).token).toBe('shpat_e2e_second_access_token');
  });

  it('subscribes ordersCreate by GraphQL, stores a delivery signed with the client secret once, refuses a wrong signature, and unsubscribes', async () => {
    fakeGraphql({
      webhookSubscriptionCreate: { webhookSubscription: { id: 'gid://shopify/WebhookSubscription/4759306' }, userErrors: [] },
    });
    const sub = ok(await owner.mutation('triggers.subscribe', { connectionId, trigger: 'ordersCreate' }));
    expect((await lastGraphql()).variables).toEqual({ topic: 'ORDERS_CREATE', uri: sub.url });

    const body = JSON.stringify({
      id: 820982911946154500,
      admin_graphql_api_id: 'gid://shopify/Order/820982911946154508',
      name: '#9999',
      created_at: '2026-12-01T12:00:00-05:00',
      total_price: '403.00',
      currency: 'USD',
    });
    const headers = signShopifyWebhook('orders/create', body, CLIENT_SECRET, { webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
    const post = (h: Record<string, string>, b = body) =>
      fetch(sub.url, { method: 'POST', body: b, headers: { 'content-type': 'application/json', ...h } });
    for (let i = 0; i < 3; i++) expect((await post(headers)).status).toBe(200);
    expect((await post(signShopifyWebhook('orders/create', body, 'whsec_not_the_app'))).status).toBe(401);
    expect((await post(headers, body.replace('403.00', '0.01'))).status).toBe(401);
    const events = ok(await owner.query('events.list', { subscriptionId: sub.id })).events as { providerEventId: string }[];
    expect(events.map((e) => e.providerEventId)).toEqual(['b54557e4-bdd9-4b37-8a5f-bf7d70bcd043']);

    fakeGraphql({
      webhookSubscriptionDelete: { deletedWebhookSubscriptionId: 'gid://shopify/WebhookSubscription/4759306', userErrors: [] },
    });
    ok(await owner.mutation('triggers.unsubscribe', { id: sub.id }));
    expect((await lastGraphql()).variables).toEqual({ id: 'gid://shopify/WebhookSubscription/4759306' });
  });
});
