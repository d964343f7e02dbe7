/**
 * The connect page where the link leaves connection parameters to the end user (a Shopify-like
 * shop, for an API-key and an OAuth connector) and where an account is chosen after `discover`
 * (a Pages-like connector), through the real server, real Postgres and the local fake upstream
 * of the params tests (`*.myshopify.com` resolves to it at the network edge).
 */
import { randomUUID } from 'node:crypto';
import { Agent, type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_APP_TOKEN, pagesLike, shopKey, shopLike } from '../sdk2/params-connector.ts';
import { loopbackConnectLookup, loopbackLookup, type ParamsUpstream, startParamsUpstream } from '../sdk2/params-upstream.ts';
import { controlsOf, fieldErrorOf, submitConnectForm } from '../testing/connect-form.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const RETURN_TO = 'https://app.example.com/connected';

let upstream: ParamsUpstream;
let server: TestServer;
let previousDispatcher: Dispatcher;
let owner: HttpSession;
let org: string;

beforeAll(async () => {
  upstream = await startParamsUpstream();
  previousDispatcher = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ connect: { lookup: loopbackConnectLookup } }));
  server = await startTestServer({
    connectors: [shopLike(upstream.port), shopKey(upstream.port), pagesLike(upstream.url)],
    egressLookup: loopbackLookup,
  });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `connect-params-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'Shops' })).id as string;
  owner = user.withOrg(org);
  ok(await owner.mutation('orgs.setReturnOrigins', { origins: ['https://app.example.com'] }));
  ok(await owner.mutation('oauthApps.set', { connectorId: 'shoplike', clientId: 'shop-client', clientSecret: 'shop-secret' }));
  ok(await owner.mutation('oauthApps.set', { connectorId: 'pageslike', clientId: 'pages-client', clientSecret: 'pages-secret' }));
});
afterAll(async () => {
  await server?.close();
  await upstream?.stop();
  if (previousDispatcher) setGlobalDispatcher(previousDispatcher);
});

async function link(connectorId: string, endUserId = 'eu-1'): Promise<string> {
  return ok(await owner.mutation('connectSessions.create', { connectorId, returnTo: RETURN_TO, endUserId })).url as string;
}

const shopConnections = () => server.db.selectFrom('connections').select('id').where('connector_id', '=', 'shopkey').execute();

describe('connection parameters asked on the connect page', () => {
  it('an API-key connector: the shop and the token; a bad shop is a field error, kept, and nothing is saved', async () => {
    const url = await link('shopkey');
    const page = await hop(url);
    const visible = controlsOf(page.text).filter((ctl) => ctl.type !== 'hidden');
    expect(visible.map((ctl) => [ctl.name, ctl.type, ctl.labelled])).toEqual([
      ['params.shop', 'text', true],
      ['credentials.token', 'password', true],
    ]);

    const seen = upstream.seen.length;
    for (const shop of ['ACME', 'evil.com#', '']) {
      const bad = await submitConnectForm(url, { 'params.shop': shop, 'credentials.token': CUSTOM_APP_TOKEN });
      expect(bad.status, shop).toBe(400);
      expect(fieldErrorOf(bad.text, 'params.shop'), shop).toBeTruthy();
      expect(controlsOf(bad.text).find((ctl) => ctl.name === 'params.shop')?.value, shop).toBe(shop);
      expect(bad.text, shop).not.toContain(CUSTOM_APP_TOKEN);
    }
    expect(upstream.seen.length).toBe(seen);
    expect(await shopConnections()).toEqual([]);

    const wrongToken = await submitConnectForm(url, { 'params.shop': 'corner', 'credentials.token': 'nope' });
    expect(fieldErrorOf(wrongToken.text, 'credentials.token')).toBeTruthy();
    expect(controlsOf(wrongToken.text).find((ctl) => ctl.name === 'params.shop')?.value).toBe('corner');

    const good = await submitConnectForm(url, { 'params.shop': 'corner', 'credentials.token': CUSTOM_APP_TOKEN });
    expect(good.status).toBe(302);
    const id = good.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await owner.query('connections.get', { id })).metadata).toEqual({ params: { shop: 'corner' } });
    expect(ok(await owner.mutation('actions.shopkey.shopInfo', { connectionId: id, input: {} })).servedBy).toBe('corner.myshopify.com');
  });

  it('an OAuth connector: the shop first, then the provider at that shop, then returnTo', async () => {
    const url = await link('shoplike');
    const page = await hop(url);
    expect(page.text).toContain('Continue to Shop-like');
    expect(
      controlsOf(page.text)
        .filter((ctl) => ctl.type !== 'hidden')
        .map((ctl) => ctl.name),
    ).toEqual(['params.shop']);

    const bad = await submitConnectForm(url, { 'params.shop': 'a.myshopify.com.evil.com' });
    expect(bad.status).toBe(400);
    expect(bad.location).toBeUndefined();
    expect(fieldErrorOf(bad.text, 'params.shop')).toBeTruthy();

    const browser = new HttpSession(server.url);
    const start = await submitConnectForm(url, { 'params.shop': 'bikes-9' }, browser);
    expect(start.status).toBe(302);
    expect(start.location?.hostname).toBe('bikes-9.myshopify.com');
    const atProvider = await hop(start.location ?? '');
    const back = await hop(atProvider.location ?? '', browser);
    expect(back.location?.searchParams.get('status')).toBe('connected');
    const id = back.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await owner.query('connections.get', { id }))).toMatchObject({
      metadata: { params: { shop: 'bikes-9' } },
      endUserId: 'eu-1',
    });
    expect((await submitConnectForm(url, { 'params.shop': 'bikes-9' })).status).toBe(401);
  });

  it('a link that carries the params does not ask for them, and the form cannot change them', async () => {
    const url = ok(
      await owner.mutation('connectSessions.create', { connectorId: 'shopkey', returnTo: RETURN_TO, params: { shop: 'fixed-shop' } }),
    ).url as string;
    const page = await hop(url);
    expect(controlsOf(page.text).map((ctl) => ctl.name)).not.toContain('params.shop');
    const res = await submitConnectForm(url, { 'params.shop': 'other-shop', 'credentials.token': CUSTOM_APP_TOKEN });
    const id = res.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await owner.query('connections.get', { id })).metadata).toEqual({ params: { shop: 'fixed-shop' } });
  });
});

describe('choosing the account after discover', () => {
  it('lists the accounts on a page of ours, stores the choice, then goes to returnTo', async () => {
    const url = await link('pageslike', 'eu-pages');
    const browser = new HttpSession(server.url);
    const start = await submitConnectForm(url, {}, browser);
    const atProvider = await hop(start.location ?? '');
    const back = await hop(atProvider.location ?? '', browser);
    expect(back.status).toBe(302);
    expect(back.location?.toString()).toBe(`${server.url}/connect/account`);

    const choose = await hop(back.location ?? '', browser);
    expect(choose.status).toBe(200);
    const radios = controlsOf(choose.text).filter((ctl) => ctl.type === 'radio');
    expect(radios.map((r) => [r.value, r.labelled])).toEqual([
      ['p1', true],
      ['p2', true],
    ]);
    expect(choose.text).toContain('Bike shop');
    const held = new Map(browser.cookies);
    const sealed = held.get('patchbay_account') ?? '';
    expect(sealed.split('.').slice(0, 2)).toEqual([org, expect.any(String)]);

    // The cookie is sealed to its tenant and connection: moved to another of either, it opens nothing.
    for (const moved of [0, 1]) {
      const parts = sealed.split('.');
      parts[moved] = randomUUID();
      const forger = new HttpSession(server.url);
      forger.cookies.set('patchbay_account', parts.join('.'));
      expect((await hop(`${server.url}/connect/account`, forger)).status, `part ${moved}`).toBe(401);
    }

    // Another browser (no cookie) and a cross-site form are refused.
    expect((await hop(`${server.url}/connect/account`)).status).toBe(401);
    const post = (account: string, origin = server.url, who = browser) =>
      hop(`${server.url}/connect/account`, who, {
        method: 'POST',
        body: new URLSearchParams({ account }),
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await post('p2', 'https://evil.example')).status).toBe(403);
    const unknown = await post('p9');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('role="alert"');

    const chosen = await post('p2');
    expect(chosen.status).toBe(302);
    expect(`${chosen.location?.origin}${chosen.location?.pathname}`).toBe(RETURN_TO);
    const id = chosen.location?.searchParams.get('connection_id') ?? '';
    expect(chosen.location?.searchParams.get('status')).toBe('connected');
    const connection = ok(await owner.query('connections.get', { id }));
    expect(connection).toMatchObject({ endUserId: 'eu-pages', metadata: { account: { id: 'p2', name: 'Bike shop' } } });
    expect(ok(await owner.mutation('actions.pageslike.publishPost', { connectionId: id, input: { message: 'hi' } })).id).toBe('p2_1');

    // Chosen once: the cookie is cleared, and a replayed one finds nothing left to choose.
    expect((await hop(`${server.url}/connect/account`, browser)).status).toBe(401);
    expect([...browser.cookies.keys()]).not.toContain('patchbay_account');
    const replay = new HttpSession(server.url);
    for (const [name, value] of held) replay.cookies.set(name, value);
    expect((await post('p1', server.url, replay)).status).toBe(401);
    expect(ok(await owner.query('connections.get', { id })).metadata.account.id).toBe('p2');
  });
});
