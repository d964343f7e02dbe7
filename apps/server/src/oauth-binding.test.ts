import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from './testing/add-member.ts';
import { type FakeProvider, startFakeProvider } from './testing/fake-provider.ts';
import { acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { hop, postConnectToken, pressConnect, walkConnectLink, walkToCallback } from './testing/oauth-browser.ts';
import { newVerifiedUser } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const RETURN_TO = 'https://app.example.com/connected';

let provider: FakeProvider;
let server: TestServer;
let owner: HttpSession;
let org: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider)] });
  const { session: user } = await newVerifiedUser(server.url, server.outbox, `binding-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'Bound' })).id;
  owner = user.withOrg(org);
  ok(await owner.mutation('orgs.setReturnOrigins', { origins: ['https://app.example.com'] }));
  ok(await owner.mutation('oauthApps.set', { connectorId: 'acme-oauth', clientId: 'patchbay-client', clientSecret: 'acme-secret' }));
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});

const authorizeUrl = (params: Record<string, string> = {}) =>
  `${server.url}/oauth/acme-oauth/authorize?${new URLSearchParams({ org, return_to: RETURN_TO, ...params })}`;

/** What must not change when a callback is refused: connections, and code exchanges at the provider. */
async function footprint(): Promise<[number, number]> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from connections`.execute(server.db);
  return [rows[0]?.n ?? 0, provider.tokenRequests.filter((r) => r.grantType === 'authorization_code').length];
}

describe('OAuth flows are bound to the browser and the person that began them', () => {
  it('sets the flow cookie: HttpOnly, SameSite=Lax, Path=/, 10 minutes, plain name on http', async () => {
    const res = await fetch(authorizeUrl(), {
      redirect: 'manual',
      headers: { cookie: [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('patchbay_oauth='));
    expect(cookie).toMatch(/^patchbay_oauth=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
    const state = new URL(res.headers.get('location') ?? '').searchParams.get('state') ?? '';
    expect(cookie).not.toContain(state);
  });

  it("refuses A's flow finished in another browser: state_mismatch, nothing saved, no token request", async () => {
    const before = await footprint();
    // The victim: signed in to Patchbay or not, their browser never got A's flow cookie.
    for (const victim of [new HttpSession(server.url), (await addMember(server, owner, org, 'admin')).browser]) {
      const flow = await walkToCallback(authorizeUrl(), owner);
      const back = await hop(flow.callbackUrl, victim);
      expect(back.status).toBe(302);
      expect(back.location?.origin + (back.location?.pathname ?? '')).toBe(RETURN_TO);
      expect(back.location?.searchParams.get('error')).toBe('state_mismatch');
      expect(back.location?.searchParams.get('connection_id')).toBeNull();
      // The refused attempt used the state up: not even A can finish it now.
      expect((await hop(flow.callbackUrl, flow.browser)).text).toContain('invalid_state');
    }
    expect(await footprint()).toEqual(before);
  });

  it('refuses a cookie from another flow of the same user', async () => {
    const before = await footprint();
    const first = await walkToCallback(authorizeUrl(), owner);
    const elsewhere = new HttpSession(server.url);
    for (const [k, v] of owner.cookies) elsewhere.cookies.set(k, v);
    await walkToCallback(authorizeUrl(), elsewhere); // elsewhere now holds the second flow's cookie
    const back = await hop(first.callbackUrl, elsewhere);
    expect(back.location?.searchParams.get('error')).toBe('state_mismatch');
    expect(await footprint()).toEqual(before);
  });

  it('refuses the callback of an admin removed, or demoted to member, after authorize (F7)', async () => {
    const [removed, demoted] = [await addMember(server, owner, org, 'admin'), await addMember(server, owner, org, 'admin')];
    const { connectionId } = await connectOnce(removed.browser);
    const before = await footprint();
    const reauth = await walkToCallback(authorizeUrl({ connection_id: connectionId }), removed.browser);
    const fresh = await walkToCallback(authorizeUrl(), demoted.browser);
    ok(await owner.mutation('orgs.members.remove', { userId: removed.userId }));
    ok(await owner.mutation('orgs.members.setRole', { userId: demoted.userId, role: 'member' }));
    for (const flow of [reauth, fresh]) {
      const back = await hop(flow.callbackUrl, flow.browser);
      expect(back.location?.searchParams.get('error')).toBe('forbidden');
    }
    expect(await footprint()).toEqual(before);
  });

  it('members cannot start a flow, neither a new connection nor re-authorizing one in place (F12)', async () => {
    const { connectionId } = await connectOnce(owner);
    const member = await addMember(server, owner, org, 'member');
    for (const url of [authorizeUrl(), authorizeUrl({ connection_id: connectionId })]) {
      const refused = await hop(url, member.browser);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('Only owners and admins');
    }
    const admin = await addMember(server, owner, org, 'admin');
    const back = await hop((await walkToCallback(authorizeUrl({ connection_id: connectionId }), admin.browser)).callbackUrl, admin.browser);
    expect(back.location?.searchParams.get('connection_id')).toBe(connectionId);
  });
});

async function connectOnce(browser: HttpSession): Promise<{ connectionId: string }> {
  const flow = await walkToCallback(authorizeUrl(), browser);
  const connectionId = (await hop(flow.callbackUrl, flow.browser)).location?.searchParams.get('connection_id');
  if (!connectionId) throw new Error('connecting failed');
  return { connectionId };
}

describe('connect links survive link scanners', () => {
  const newLink = async () =>
    ok(await owner.mutation('connectSessions.create', { connectorId: 'acme-oauth', endUserId: 'eu-1', returnTo: RETURN_TO })).url as string;

  it('a GET shows a page with a button and spends nothing; the POST spends it once', async () => {
    const url = await newLink();
    for (let i = 0; i < 3; i++) {
      const page = await hop(url); // a scanner, a chat preview, the user
      expect(page.status).toBe(200);
      expect(page.text).toContain('<button type="submit">');
    }
    const flow = await walkConnectLink(url);
    const back = await hop(flow.callbackUrl, flow.browser);
    expect(back.location?.searchParams.get('status')).toBe('connected');
    expect((await hop(url)).status).toBe(401);
    expect((await postConnectToken(url, new HttpSession(server.url))).status).toBe(401);
  });

  it('binds the end user’s flow to the browser that pressed the button', async () => {
    const before = await footprint();
    const flow = await walkConnectLink(await newLink());
    const back = await hop(flow.callbackUrl, new HttpSession(server.url));
    expect(back.location?.searchParams.get('error')).toBe('state_mismatch');
    expect(await footprint()).toEqual(before);
  });

  it('a GET or POST on the wrong connector path does not spend the token (I-3)', async () => {
    const url = await newLink();
    const wrong = url.replace('/oauth/acme-oauth/', '/oauth/other/');
    expect((await hop(wrong)).status).toBe(401);
    expect((await postConnectToken(wrong)).status).toBe(401);
    expect((await pressConnect(url, new HttpSession(server.url))).status).toBe(302);
  });

  it('refuses a cross-site POST (a form on another site submitting a token) without spending it', async () => {
    const url = await newLink();
    const crossSite = await postConnectToken(url, undefined, 'https://evil.example');
    expect(crossSite.status).toBe(403);
    expect(crossSite.text).toContain('cross_site');
    expect((await pressConnect(url, new HttpSession(server.url))).status).toBe(302);
  });
});
