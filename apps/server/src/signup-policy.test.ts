import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const PASSWORD = 'a long unusual phrase';
const reason = (reply: { body: { error?: { data?: { reason?: string } } } }) => reply.body.error?.data?.reason;

describe('PATCHBAY_SIGNUP=invite', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ accounts: { signup: 'invite' } });
  });
  afterAll(() => server.close());

  it('lets the first account of an empty deployment in, then only sign-ups carrying an invitation for their own address', async () => {
    const operator = new HttpSession(server.url);
    await signUpVerified(operator, server.outbox, 'operator@example.com');
    const org = ok(await operator.mutation('orgs.create', { name: 'Ops' })).id;

    const uninvited = await new HttpSession(server.url).mutation('auth.signUp', { email: 'walk-in@example.com', password: PASSWORD });
    expect([uninvited.status, reason(uninvited)]).toEqual([403, 'SIGNUP_CLOSED']);
    expect(await server.db.selectFrom('users').select('email').where('email', '=', 'walk-in@example.com').execute()).toEqual([]);

    ok(await operator.withOrg(org).mutation('orgs.members.invite', { email: 'invitee@example.com', role: 'member' }));
    const token = await server.outbox.token('invitee@example.com', 'accept-invitation');
    const borrowed = await new HttpSession(server.url).mutation('auth.signUp', {
      email: 'walk-in@example.com',
      password: PASSWORD,
      invitationToken: token,
    });
    expect(reason(borrowed)).toBe('SIGNUP_CLOSED');

    const invitee = new HttpSession(server.url);
    ok(await invitee.mutation('auth.signUp', { email: 'Invitee@example.com', password: PASSWORD, invitationToken: token }));
    ok(await invitee.mutation('auth.signIn', { email: 'invitee@example.com', password: PASSWORD }));
    // The invitation link proved the mailbox, so the account starts verified; joining is still an explicit accept.
    expect(ok(await invitee.query('auth.me')).user.emailVerified).toBe(true);
    expect(ok(await invitee.query('orgs.list'))).toEqual([]);
    expect(ok(await invitee.mutation('auth.acceptInvitation', { token }))).toEqual({ organizationId: org, role: 'member' });
  });
});

describe('PATCHBAY_SIGNUP=closed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ accounts: { signup: 'closed' } });
  });
  afterAll(() => server.close());

  it('allows only the first account, even with an invitation', async () => {
    const operator = new HttpSession(server.url);
    await signUpVerified(operator, server.outbox, 'operator@example.com');
    const org = ok(await operator.mutation('orgs.create', { name: 'Ops' })).id;
    ok(await operator.withOrg(org).mutation('orgs.members.invite', { email: 'invitee@example.com', role: 'member' }));
    const token = await server.outbox.token('invitee@example.com', 'accept-invitation');
    const reply = await new HttpSession(server.url).mutation('auth.signUp', {
      email: 'invitee@example.com',
      password: PASSWORD,
      invitationToken: token,
    });
    expect([reply.status, reason(reply)]).toEqual([403, 'SIGNUP_CLOSED']);
  });
});
