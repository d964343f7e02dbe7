import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';
import { MAX_BATCH_SIZE } from './trpc-route.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

let counter = 0;
async function signedUp(): Promise<{ browser: HttpSession; email: string; password: string }> {
  const password = 'a long unusual phrase';
  const browser = new HttpSession(server.url);
  const email = `user${++counter}-${Date.now()}@example.com`;
  await signUpVerified(browser, server.outbox, email, 'Ada');
  return { browser, email, password };
}

describe('sign up, sign in, me, sign out (real HTTP, cookie jar)', () => {
  it('runs the whole flow, with a session cookie that only ever holds the token', async () => {
    const browser = new HttpSession(server.url);
    const signUp = await browser.mutation('auth.signUp', { email: 'flow@example.com', password: 'a long unusual phrase' });
    // Sign-up answers alike for new and taken emails, so it cannot set a session: signing in does.
    expect(ok(signUp)).toEqual({ checkEmail: true });
    expect(signUp.headers.get('set-cookie')).toBeNull();
    const signIn = await browser.mutation('auth.signIn', { email: 'flow@example.com', password: 'a long unusual phrase' });
    expect(ok(signIn).user).toMatchObject({ email: 'flow@example.com', emailVerified: false });
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^patchbay_session=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    const token = browser.cookies.get('patchbay_session') ?? '';

    expect(ok(await browser.query('auth.me'))).toMatchObject({ kind: 'user', user: { email: 'flow@example.com' }, organizations: [] });
    const stored = JSON.stringify(await server.db.selectFrom('sessions').selectAll().execute());
    expect(stored).not.toContain(token);

    ok(await browser.mutation('auth.signOut'));
    expect(browser.cookies.has('patchbay_session')).toBe(false);
    const replay = new HttpSession(server.url);
    replay.cookies.set('patchbay_session', token);
    expect((await replay.query('auth.me')).status).toBe(401);

    const again = new HttpSession(server.url);
    ok(await again.mutation('auth.signIn', { email: 'FLOW@example.com', password: 'a long unusual phrase' }));
    expect(ok(await again.query('auth.me')).user.email).toBe('flow@example.com');
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const { email } = await signedUp();
    const wrong = await new HttpSession(server.url).mutation('auth.signIn', { email, password: 'not the password' });
    const unknown = await new HttpSession(server.url).mutation('auth.signIn', {
      email: 'nobody@example.com',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(errorCode(wrong)).toBe(errorCode(unknown));
  });

  it('refuses weak passwords with a reason', async () => {
    const reply = await new HttpSession(server.url).mutation('auth.signUp', { email: 'weak@example.com', password: 'password123' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toBe('Password is too common; choose another');
  });

  it('locks an email out for this address after 10 failures, even for the right password', async () => {
    const { email, password } = await signedUp();
    for (let i = 0; i < 10; i++)
      expect((await new HttpSession(server.url).mutation('auth.signIn', { email, password: `wrong-${i}-password` })).status).toBe(401);
    const locked = await new HttpSession(server.url).mutation('auth.signIn', { email, password });
    expect(locked.status).toBe(429);
    expect(errorCode(locked)).toBe('TOO_MANY_REQUESTS');
  });

  it('signs out every other session on password change, and all of them on account removal', async () => {
    const { browser, email, password } = await signedUp();
    const laptop = new HttpSession(server.url);
    ok(await laptop.mutation('auth.signIn', { email, password }));
    ok(await browser.mutation('auth.changePassword', { currentPassword: password, newPassword: 'another long phrase' }));
    expect((await laptop.query('auth.me')).status).toBe(401);
    expect(ok(await browser.query('auth.me')).user.email).toBe(email);

    const cookie = browser.cookies.get('patchbay_session') ?? '';
    ok(await browser.mutation('auth.deleteAccount', { password: 'another long phrase' }));
    const replay = new HttpSession(server.url);
    replay.cookies.set('patchbay_session', cookie);
    expect((await replay.query('auth.me')).status).toBe(401);
    expect((await new HttpSession(server.url).mutation('auth.signIn', { email, password: 'another long phrase' })).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated mutation sent as text/plain or from a foreign origin', async () => {
    const { browser } = await signedUp();
    const body = JSON.stringify({ name: 'Evil Corp' });
    const textPlain = await browser.request('/trpc/orgs.create', {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain', 'x-patchbay-csrf': '1' },
    });
    const foreign = await browser.request('/trpc/orgs.create', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    const bare = await browser.request('/trpc/orgs.create', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect([textPlain.status, foreign.status, bare.status]).toEqual([403, 403, 403]);
    const sameOrigin = await browser.request('/trpc/orgs.create', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', origin: server.url },
    });
    expect(sameOrigin.status).toBe(200);
    expect(ok(await browser.query('orgs.list')).map((o: { name: string }) => o.name)).toEqual(['Evil Corp']);
  });

  it('refuses a batch over the limit before any procedure runs', async () => {
    const { browser } = await signedUp();
    const calls = MAX_BATCH_SIZE + 1;
    const paths = Array(calls).fill('orgs.create').join(',');
    const input = Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { name: `Batch ${i}` }]));
    const reply = await browser.request(`/trpc/${paths}?batch=1`, {
      method: 'POST',
      body: JSON.stringify(input),
      headers: { 'content-type': 'application/json', 'x-patchbay-csrf': '1' },
    });
    expect(reply.status).toBe(400);
    expect(ok(await browser.query('orgs.list'))).toEqual([]);
  });
});

describe('API keys and organizations', () => {
  it('a key works until revoked, then gets 401 on its very next request', async () => {
    const { browser } = await signedUp();
    const org = ok(await browser.mutation('orgs.create', { name: 'Acme' }));
    const admin = browser.withOrg(org.id);
    const created = ok(await admin.mutation('apiKeys.create', { name: 'ci' }));
    expect(created.key).toMatch(/^pbk_[0-9a-f]{16}_/);
    const service = HttpSession.withApiKey(server.url, created.key);
    expect(ok(await service.query('orgs.list'))).toEqual([{ id: org.id, name: 'Acme', role: 'admin' }]);
    const secret = created.key.slice('pbk_'.length + 16 + 1);
    expect(secret).toHaveLength(32);
    expect(JSON.stringify(ok(await admin.query('apiKeys.list')))).not.toContain(secret);

    ok(await admin.mutation('apiKeys.revoke', { id: created.id }));
    const after = await service.query('orgs.list');
    expect(after.status).toBe(401);
    expect(errorCode(after)).toBe('UNAUTHORIZED');
  });

  it('a session naming an organization it is not a member of is FORBIDDEN', async () => {
    const owner = await signedUp();
    const org = ok(await owner.browser.mutation('orgs.create', { name: 'Private' }));
    const stranger = await signedUp();
    const reply = await stranger.browser.withOrg(org.id).query('orgs.members.list');
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe('FORBIDDEN');
  });
});
