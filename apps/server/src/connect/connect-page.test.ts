/**
 * The end-user connect page over real HTTP against the real server and Postgres: connect links
 * for an API-key connector (the fake provider checks the key), a basic-auth connector (a local
 * upstream checks the Authorization header) and an OAuth one (oauth2-mock-server), submitted as
 * a browser submits the page's form. One use, expiry, wrong paths, cross-site posts and tenants.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlsOf, fieldErrorOf, submitConnectForm } from '../testing/connect-form.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from '../testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from '../testing/fixtures/acme-connectors.ts';
import { BASIC_SECRET, BASIC_USER, basicConnector, keyAccounts, startBasicUpstream } from '../testing/fixtures/basic-connectors.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop, walkConnectLink } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const RETURN_TO = 'https://app.example.com/connected';
let provider: FakeProvider;
let basicUpstream: Awaited<ReturnType<typeof startBasicUpstream>>;
let server: TestServer;

interface Tenant {
  org: string;
  owner: HttpSession;
}
let A: Tenant;
let B: Tenant;

async function makeTenant(name: string): Promise<Tenant> {
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `connect-page-${name}-${Date.now()}@example.com`);
  const org = ok(await user.mutation('orgs.create', { name })).id as string;
  const owner = user.withOrg(org);
  ok(await owner.mutation('orgs.setReturnOrigins', { origins: ['https://app.example.com'] }));
  ok(await owner.mutation('oauthApps.set', { connectorId: 'acme-oauth', clientId: 'patchbay-client', clientSecret: 'acme-secret' }));
  return { org, owner };
}

beforeAll(async () => {
  provider = await startFakeProvider();
  basicUpstream = await startBasicUpstream();
  server = await startTestServer({
    connectors: [acmeOAuth(provider), acmeKey(provider), basicConnector(basicUpstream.url), keyAccounts(basicUpstream.url)],
  });
  A = await makeTenant('alpha');
  B = await makeTenant('beta');
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
  await basicUpstream?.close();
});

async function link(t: Tenant, connectorId: string, endUserId?: string): Promise<string> {
  return ok(await t.owner.mutation('connectSessions.create', { connectorId, returnTo: RETURN_TO, ...(endUserId ? { endUserId } : {}) }))
    .url as string;
}

async function connectionsOf(tenantId: string) {
  return server.db
    .selectFrom('connections')
    .select(['id', 'connector_id', 'end_user_id', 'created_by'])
    .where('tenant_id', '=', tenantId)
    .execute();
}

describe('the connect page of an API-key connector', () => {
  it('shows the connector, what it asks for and a labelled password field, under a strict policy', async () => {
    const page = await hop(await link(A, 'acme-key'));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Connect your Acme (API key) account');
    expect(page.text).toContain('Test connector with an API key');
    expect(page.text).toContain('you return to <strong>app.example.com</strong>');
    expect(page.text).not.toMatch(/<script/i);
    // Phones (390 px): device width, fluid layout; keyboard users see where focus is.
    expect(page.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.text).toMatch(/main\{max-width:32rem;[^}]*\}/);
    expect(page.text).toContain(':focus-visible{outline:3px solid');
    const visible = controlsOf(page.text).filter((ctl) => ctl.type !== 'hidden');
    expect(visible).toEqual([expect.objectContaining({ type: 'password', name: 'credentials.apiKey', labelled: true })]);

    const res = await fetch(await link(A, 'acme-key'));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; frame-ancestors 'none'$/);
    // The policy allows exactly the page's own stylesheet (a changed style without its hash would be blocked).
    const style = /<style>([^<]*)<\/style>/.exec(await res.text())?.[1] ?? '';
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('a refused key is shown as an error on the form, nothing is saved, and the link still works', async () => {
    const url = await link(A, 'acme-key', 'eu-42');
    const checksBefore = provider.apiCalls.get('/me') ?? 0;

    const short = await submitConnectForm(url, { 'credentials.apiKey': 'short' });
    expect(short.status).toBe(400);
    expect(fieldErrorOf(short.text, 'credentials.apiKey')).toMatch(/8/);
    expect(provider.apiCalls.get('/me') ?? 0).toBe(checksBefore);

    const wrong = await submitConnectForm(url, { 'credentials.apiKey': 'wrong-key-123456' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('role="alert"');
    expect(wrong.text).toContain('did not accept these credentials');
    expect(wrong.text).not.toContain('wrong-key-123456');
    expect(provider.apiCalls.get('/me')).toBeGreaterThan(checksBefore);
    expect(await connectionsOf(A.org)).toEqual([]);

    const good = await submitConnectForm(url, { 'credentials.apiKey': GOOD_API_KEY });
    expect(good.status).toBe(302);
    expect(`${good.location?.origin}${good.location?.pathname}`).toBe(RETURN_TO);
    expect(good.location?.searchParams.get('status')).toBe('connected');
    const id = good.location?.searchParams.get('connection_id') ?? '';
    const saved = await connectionsOf(A.org);
    expect(saved).toEqual([{ id, connector_id: 'acme-key', end_user_id: 'eu-42', created_by: 'end_user:eu-42' }]);
    expect(ok(await A.owner.query('connections.get', { id }))).toMatchObject({ status: 'active', endUserId: 'eu-42' });
    expect(ok(await A.owner.mutation('actions.acme-key.echo', { connectionId: id, input: { message: 'hi' } })).message).toBe('hi');

    // Spent: the page and a second submit both answer the invalid-link page.
    for (const again of [await hop(url), await submitConnectForm(url, { 'credentials.apiKey': GOOD_API_KEY })]) {
      expect(again.status).toBe(401);
      expect(again.text).toContain('connect_token_invalid');
    }
    expect(await connectionsOf(A.org)).toHaveLength(1);
  });

  it('two submits of one link at once make one connection', async () => {
    const url = await link(B, 'acme-key');
    const replies = await Promise.all([1, 2].map(() => submitConnectForm(url, { 'credentials.apiKey': GOOD_API_KEY })));
    expect(replies.map((r) => r.status).sort()).toEqual([302, 401]);
    expect(await connectionsOf(B.org)).toHaveLength(1);
    await server.db.deleteFrom('connections').where('tenant_id', '=', B.org).execute();
  });
});

describe('the connect page of a basic-auth connector', () => {
  it('asks for a username (kept after an error) and a password (never shown back)', async () => {
    const url = await link(A, 'basic-co');
    const page = await hop(url);
    const visible = controlsOf(page.text).filter((ctl) => ctl.type !== 'hidden');
    expect(visible.map((ctl) => [ctl.name, ctl.type, ctl.labelled])).toEqual([
      ['credentials.username', 'text', true],
      ['credentials.password', 'password', true],
    ]);

    const wrong = await submitConnectForm(url, { 'credentials.username': BASIC_USER, 'credentials.password': 'not-it' });
    expect(wrong.status).toBe(400);
    const shown = controlsOf(wrong.text);
    expect(shown.find((ctl) => ctl.name === 'credentials.username')?.value).toBe(BASIC_USER);
    expect(shown.find((ctl) => ctl.name === 'credentials.password')?.value).toBe('');
    expect(wrong.text).not.toContain('not-it');

    const good = await submitConnectForm(url, { 'credentials.username': BASIC_USER, 'credentials.password': BASIC_SECRET });
    expect(good.status).toBe(302);
    const id = good.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await A.owner.mutation('actions.basic-co.me', { connectionId: id, input: {} }))).toEqual({ ok: true });
  });
});

describe('account choice after pasted credentials', () => {
  it('several accounts: the end user chooses on our page, then returns', async () => {
    const url = await link(A, 'key-accounts', 'eu-acct');
    const browser = new HttpSession(server.url);
    const made = await submitConnectForm(url, { 'credentials.username': BASIC_USER, 'credentials.password': BASIC_SECRET }, browser);
    expect(made.location?.toString()).toBe(`${server.url}/connect/account`);
    const page = await hop(made.location ?? '', browser);
    expect(
      controlsOf(page.text)
        .filter((ctl) => ctl.type === 'radio')
        .map((ctl) => ctl.value),
    ).toEqual(['acct-1', 'acct-2']);
    const chosen = await hop(`${server.url}/connect/account`, browser, {
      method: 'POST',
      body: new URLSearchParams({ account: 'acct-2' }),
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(`${chosen.location?.origin}${chosen.location?.pathname}`).toBe(RETURN_TO);
    const id = chosen.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await A.owner.mutation('actions.key-accounts.which', { connectionId: id, input: {} }))).toEqual({ account: 'acct-2' });
    expect(ok(await A.owner.query('connections.get', { id })).endUserId).toBe('eu-acct');
  });
});

describe('the connect page of an OAuth connector', () => {
  it('continues to the provider and back to returnTo, as before; the link is then spent', async () => {
    const url = await link(A, 'acme-oauth', 'eu-7');
    const page = await hop(url);
    expect(page.text).toContain('Continue to Acme (OAuth)');
    expect(page.text).toContain('<code>read</code>');
    const flow = await walkConnectLink(url);
    const back = await hop(flow.callbackUrl, flow.browser);
    expect(back.location?.searchParams.get('status')).toBe('connected');
    const id = back.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await A.owner.query('connections.get', { id }))).toMatchObject({ endUserId: 'eu-7', connectorId: 'acme-oauth' });
    expect((await hop(url)).status).toBe(401);
  });
});

describe('links that must not work', () => {
  it('an OAuth link whose tenant has no OAuth app yet says so and stays usable', async () => {
    ok(await B.owner.mutation('oauthApps.remove', { connectorId: 'acme-oauth' }));
    const url = await link(B, 'acme-oauth');
    const refused = await submitConnectForm(url, {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('oauth_app_missing');
    ok(await B.owner.mutation('oauthApps.set', { connectorId: 'acme-oauth', clientId: 'patchbay-client', clientSecret: 'acme-secret' }));
    const started = await submitConnectForm(url, {});
    expect(started.status).toBe(302);
    expect(started.location?.origin).toBe(new URL(provider.issuer).origin);
  });

  it('a wrong connector path is refused and leaves the link unspent', async () => {
    const url = await link(A, 'acme-key');
    const token = new URL(url).searchParams.get('connect_token') ?? '';
    const elsewhere = `${server.url}/oauth/basic-co/authorize?connect_token=${token}`;
    expect((await hop(elsewhere)).status).toBe(401);
    const posted = await submitConnectForm(elsewhere, { 'credentials.username': BASIC_USER, 'credentials.password': BASIC_SECRET });
    expect(posted.status).toBe(401);
    expect((await hop(url)).status).toBe(200);
  });

  it('an expired link is refused', async () => {
    const url = await link(A, 'acme-key');
    await sql`update connect_sessions set expires_at = now() - interval '1 second' where tenant_id = ${A.org}`.execute(server.db);
    expect((await hop(url)).status).toBe(401);
    expect((await submitConnectForm(url, { 'credentials.apiKey': GOOD_API_KEY })).status).toBe(401);
  });

  it('a cross-site form post is refused and spends nothing', async () => {
    const url = await link(A, 'acme-key');
    const before = (await connectionsOf(A.org)).length;
    const forged = await submitConnectForm(url, { 'credentials.apiKey': GOOD_API_KEY }, undefined, 'https://evil.example');
    expect(forged.status).toBe(403);
    expect(await connectionsOf(A.org)).toHaveLength(before);
    expect((await hop(url)).status).toBe(200);
  });

  it('a link of tenant A creates in tenant A only, whatever the form says', async () => {
    const url = await link(A, 'acme-key');
    const beforeB = (await connectionsOf(B.org)).length;
    const res = await submitConnectForm(url, { 'credentials.apiKey': GOOD_API_KEY, org: B.org, tenantId: B.org, tenant_id: B.org });
    const id = res.location?.searchParams.get('connection_id') ?? '';
    expect((await connectionsOf(A.org)).map((c) => c.id)).toContain(id);
    expect(await connectionsOf(B.org)).toHaveLength(beforeB);
    const fromB = await B.owner.query('connections.get', { id });
    expect(fromB.status).toBe(404);
  });
});
