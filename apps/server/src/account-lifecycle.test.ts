import { MAX_MAIL_REQUESTS_PER_EMAIL, MAX_MAIL_REQUESTS_PER_IP } from '@patchbay/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const PASSWORD = 'a long unusual phrase';
let counter = 0;
const address = (what: string) => `${what}-${++counter}-${Date.now()}@example.com`;
const reason = (reply: { body: { error?: { data?: { reason?: string } } } }) => reply.body.error?.data?.reason;

async function signedIn(email: string): Promise<HttpSession> {
  const browser = new HttpSession(server.url);
  ok(await browser.mutation('auth.signIn', { email, password: PASSWORD }));
  return browser;
}

describe('email verification', () => {
  it('an unverified account can sign in but not create an organization; the mailed link works once', async () => {
    const email = address('unverified');
    const browser = new HttpSession(server.url);
    ok(await browser.mutation('auth.signUp', { email, password: PASSWORD }));
    ok(await browser.mutation('auth.signIn', { email, password: PASSWORD }));
    expect(ok(await browser.query('auth.me')).user.emailVerified).toBe(false);
    const refused = await browser.mutation('orgs.create', { name: 'Too soon' });
    expect([refused.status, errorCode(refused), reason(refused)]).toEqual([403, 'FORBIDDEN', 'EMAIL_NOT_VERIFIED']);

    const token = await server.outbox.token(email, 'verify-email');
    expect(ok(await new HttpSession(server.url).mutation('auth.verifyEmail', { token }))).toEqual({ verified: true });
    const again = await new HttpSession(server.url).mutation('auth.verifyEmail', { token });
    expect([again.status, reason(again)]).toEqual([400, 'INVALID_TOKEN']);
    // Verifying ends sessions opened before it (they may be a squatter's); signing in again works.
    expect((await browser.query('auth.me')).status).toBe(401);
    const verified = await signedIn(email);
    expect(ok(await verified.query('auth.me')).user.emailVerified).toBe(true);
    ok(await verified.mutation('orgs.create', { name: 'Now' }));
    const stored = JSON.stringify(await server.db.selectFrom('account_tokens').selectAll().execute());
    expect(stored).not.toContain(token);
  });

  it('a resent link replaces the earlier one, and a link expires after 24 hours', async () => {
    const email = address('resend');
    ok(await new HttpSession(server.url).mutation('auth.signUp', { email, password: PASSWORD }));
    const first = await server.outbox.token(email, 'verify-email');
    const browser = await signedIn(email);
    expect(ok(await browser.mutation('auth.resendVerification'))).toEqual({ sent: true });
    const second = await server.outbox.token(email, 'verify-email', first);
    expect(reason(await browser.mutation('auth.verifyEmail', { token: first }))).toBe('INVALID_TOKEN');
    const row = await server.db
      .selectFrom('account_tokens')
      .select('expires_at')
      .where('purpose', '=', 'verify_email')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(Math.abs(row.expires_at.getTime() - Date.now() - 24 * 3600_000)).toBeLessThan(60_000);
    await server.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('purpose', '=', 'verify_email')
      .execute();
    expect(reason(await browser.mutation('auth.verifyEmail', { token: second }))).toBe('INVALID_TOKEN');
  });
});

describe('password reset', () => {
  it('answers alike for known and unknown addresses, works once, and ends every session', async () => {
    const email = address('reset');
    const laptop = new HttpSession(server.url);
    await signUpVerified(laptop, server.outbox, email);
    const phone = await signedIn(email);

    const known = await new HttpSession(server.url).mutation('auth.requestPasswordReset', { email });
    const unknown = await new HttpSession(server.url).mutation('auth.requestPasswordReset', { email: address('nobody') });
    expect([known.status, known.body]).toEqual([unknown.status, unknown.body]);
    const token = await server.outbox.token(email, 'reset-password');

    const weak = await new HttpSession(server.url).mutation('auth.resetPassword', { token, newPassword: 'password123' });
    expect(weak.status).toBe(400);
    ok(await new HttpSession(server.url).mutation('auth.resetPassword', { token, newPassword: 'a brand new phrase' }));
    expect((await laptop.query('auth.me')).status).toBe(401);
    expect((await phone.query('auth.me')).status).toBe(401);
    expect((await new HttpSession(server.url).mutation('auth.signIn', { email, password: PASSWORD })).status).toBe(401);
    ok(await new HttpSession(server.url).mutation('auth.signIn', { email, password: 'a brand new phrase' }));
    const reused = await new HttpSession(server.url).mutation('auth.resetPassword', { token, newPassword: 'yet another phrase' });
    expect([reused.status, reason(reused)]).toEqual([400, 'INVALID_TOKEN']);
  });

  it('a reset link expires after one hour', async () => {
    const email = address('late');
    await signUpVerified(new HttpSession(server.url), server.outbox, email);
    ok(await new HttpSession(server.url).mutation('auth.requestPasswordReset', { email }));
    const token = await server.outbox.token(email, 'reset-password');
    const row = await server.db
      .selectFrom('account_tokens')
      .select('expires_at')
      .where('purpose', '=', 'reset_password')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(Math.abs(row.expires_at.getTime() - Date.now() - 3600_000)).toBeLessThan(60_000);
    await server.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('purpose', '=', 'reset_password')
      .execute();
    expect(reason(await new HttpSession(server.url).mutation('auth.resetPassword', { token, newPassword: 'a brand new phrase' }))).toBe(
      'INVALID_TOKEN',
    );
  });

  it('throttles reset requests per email and per address', async () => {
    const email = address('flood');
    for (let i = 0; i < MAX_MAIL_REQUESTS_PER_EMAIL; i++)
      ok(await new HttpSession(server.url).mutation('auth.requestPasswordReset', { email }));
    const sixth = await new HttpSession(server.url).mutation('auth.requestPasswordReset', { email });
    expect(errorCode(sixth)).toBe('TOO_MANY_REQUESTS');
    // Every allowed request from this address so far counts against it.
    const earlier = await server.db
      .selectFrom('throttle_counters')
      .select('hits')
      .where('bucket', 'like', 'mail-address:reset_password|%')
      .executeTakeFirstOrThrow();
    const room = MAX_MAIL_REQUESTS_PER_IP - Number(earlier.hits);
    expect(room).toBeGreaterThan(0);
    const statuses: number[] = [];
    for (let i = 0; i < room + 2; i++) {
      statuses.push((await new HttpSession(server.url).mutation('auth.requestPasswordReset', { email: address('spray') })).status);
    }
    // Fresh addresses each time: only the per-address limit can stop them.
    expect(statuses).toEqual([...Array(room).fill(200), 429, 429]);
  });
});

describe('sign-up does not tell whether an email has an account (F14)', () => {
  it('a taken email gets the same answer, no session, and its owner a mail instead', async () => {
    const email = address('taken');
    await signUpVerified(new HttpSession(server.url), server.outbox, email);
    const fresh = await new HttpSession(server.url).mutation('auth.signUp', { email: address('fresh'), password: PASSWORD });
    const taken = await new HttpSession(server.url).mutation('auth.signUp', {
      email: email.toUpperCase(),
      password: 'someone else phrase',
    });
    expect([taken.status, taken.body]).toEqual([fresh.status, fresh.body]);
    expect(taken.headers.get('set-cookie')).toBeNull();
    expect(fresh.headers.get('set-cookie')).toBeNull();
    await server.outbox.token(email, 'reset-password');
    expect(server.outbox.mails.findLast((m) => m.to.toLowerCase() === email.toLowerCase())?.subject).toBe(
      'You already have a Patchbay account',
    );
    // The attempt changed nothing: the owner's password still works.
    await signedIn(email);
  });
});

describe('deleting an account', () => {
  it('is refused while it is the only owner of an organization, and allowed once another owner exists', async () => {
    const owner = new HttpSession(server.url);
    await signUpVerified(owner, server.outbox, address('sole'));
    const org = ok(await owner.mutation('orgs.create', { name: 'Orphan risk' })).id;
    const refused = await owner.mutation('auth.deleteAccount', { password: PASSWORD });
    expect([refused.status, errorCode(refused), reason(refused)]).toEqual([412, 'PRECONDITION_FAILED', 'LAST_OWNER']);
    expect(ok(await owner.query('auth.me')).organizations).toHaveLength(1);

    const heirEmail = address('heir');
    const heir = new HttpSession(server.url);
    await signUpVerified(heir, server.outbox, heirEmail);
    ok(await owner.withOrg(org).mutation('orgs.members.invite', { email: heirEmail, role: 'owner' }));
    ok(await heir.mutation('auth.acceptInvitation', { token: await server.outbox.token(heirEmail, 'accept-invitation') }));
    ok(await owner.mutation('auth.deleteAccount', { password: PASSWORD }));
    expect(ok(await heir.withOrg(org).query('orgs.members.list')).members.map((m: { role: string }) => m.role)).toEqual(['owner']);
  });
});
