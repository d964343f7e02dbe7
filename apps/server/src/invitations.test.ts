import { smtpMailer } from '@patchbay/auth';
import { type SmtpSink, startSmtpSink } from '@patchbay/connector-smtp/testing';
import { withTenant } from '@patchbay/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { type Outbox, outboxOf, tokenOf } from './testing/test-accounts.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

// Every account mail goes through a real SMTP server on 127.0.0.1; links are read from the received messages.
let sink: SmtpSink;
let server: TestServer;
let mail: Outbox;
const PASSWORD = 'a long unusual phrase';

beforeAll(async () => {
  sink = await startSmtpSink({ username: 'patchbay', password: 'relay-secret' });
  server = await startTestServer({
    accounts: { mailer: smtpMailer(`smtp://patchbay:relay-secret@127.0.0.1:${sink.port}`, 'Patchbay <no-reply@patchbay.test>') },
  });
  mail = outboxOf(() =>
    sink.received.map((m) => {
      const link = /https?:\/\/\S+#token=\S+/.exec(m.parsed.text ?? '')?.[0] ?? '';
      return { to: m.envelope.to[0] ?? '', subject: m.parsed.subject ?? '', text: m.parsed.text ?? '', link };
    }),
  );
});
afterAll(async () => {
  await server.close();
  await sink.close();
});

let counter = 0;
const address = (what: string) => `${what}-${++counter}-${Date.now()}@victim-company.example`;

async function orgWithAdmin(): Promise<{ admin: HttpSession; org: string }> {
  const owner = new HttpSession(server.url);
  await signUpVerified(owner, mail, address('owner'));
  const org = ok(await owner.mutation('orgs.create', { name: 'Victim Company' })).id as string;
  return { admin: owner.withOrg(org), org };
}

describe('invitations are accepted by the owner of the address (F6, REVIEW #1)', () => {
  it('someone else who signs up with the invited address gets nothing; the real owner accepts through the mailed link and becomes admin', async () => {
    const { admin, org } = await orgWithAdmin();
    const invited = address('new-hire');
    expect(ok(await admin.mutation('orgs.members.invite', { email: invited, role: 'admin' }))).toEqual({ invited, role: 'admin' });
    expect(ok(await admin.query('orgs.members.list')).members).toHaveLength(1);

    // The squatter registers the address (in another case) and signs in: unverified, no organization, no key.
    const squatter = new HttpSession(server.url);
    ok(await squatter.mutation('auth.signUp', { email: invited.toUpperCase(), password: PASSWORD }));
    ok(await squatter.mutation('auth.signIn', { email: invited, password: PASSWORD }));
    expect(ok(await squatter.query('orgs.list'))).toEqual([]);
    const create = await squatter.mutation('orgs.create', { name: 'Squat' });
    expect(create.status).toBe(403);
    expect(create.body.error.data.reason).toBe('EMAIL_NOT_VERIFIED');
    expect(errorCode(await squatter.withOrg(org).mutation('apiKeys.create', { name: 'stolen' }))).toBe('FORBIDDEN');
    const invitationToken = await mail.token(invited, 'accept-invitation');
    const early = await squatter.mutation('auth.acceptInvitation', { token: invitationToken });
    expect(early.body.error.data.reason).toBe('EMAIL_NOT_VERIFIED');
    expect(ok(await admin.query('orgs.members.list')).members).toHaveLength(1);

    // The real owner reads the mailbox: signing up again mails them a reset link instead of an error.
    const owner = new HttpSession(server.url);
    expect(ok(await owner.mutation('auth.signUp', { email: invited, password: 'the owner own phrase' }))).toEqual({ checkEmail: true });
    const reset = await mail.token(invited, 'reset-password');
    ok(await owner.mutation('auth.resetPassword', { token: reset, newPassword: 'the owner own phrase' }));
    expect((await squatter.query('auth.me')).status).toBe(401);
    expect((await new HttpSession(server.url).mutation('auth.signIn', { email: invited, password: PASSWORD })).status).toBe(401);

    ok(await owner.mutation('auth.signIn', { email: invited, password: 'the owner own phrase' }));
    expect(ok(await owner.mutation('auth.acceptInvitation', { token: invitationToken }))).toEqual({ organizationId: org, role: 'admin' });
    expect(ok(await owner.query('orgs.list'))).toEqual([{ id: org, name: 'Victim Company', role: 'admin' }]);
    expect(ok(await owner.withOrg(org).mutation('apiKeys.create', { name: 'real' })).key).toMatch(/^pbk_/);
    // Single use: the link is spent, and the invitation is gone from the list.
    expect((await owner.mutation('auth.acceptInvitation', { token: invitationToken })).body.error.data.reason).toBe('INVALID_TOKEN');
    expect(ok(await admin.query('orgs.invitations.list'))).toEqual([]);
  });

  it('inviting an existing account adds no member and answers exactly as for an unknown address', async () => {
    const { admin } = await orgWithAdmin();
    const existing = address('existing');
    const stranger = new HttpSession(server.url);
    await signUpVerified(stranger, mail, existing);
    const unknown = address('unknown');
    // Same local part length, so the two answers and list entries can be compared field by field.
    const known = ok(await admin.mutation('orgs.members.invite', { email: existing, role: 'member' }));
    const other = ok(await admin.mutation('orgs.members.invite', { email: unknown, role: 'member' }));
    expect({ ...known, invited: '' }).toEqual({ ...other, invited: '' });
    expect(ok(await stranger.query('orgs.list'))).toEqual([]);
    const members = ok(await admin.query('orgs.members.list')).members;
    expect(members.map((m: { email: string }) => m.email)).not.toContain(existing);
    const list = ok(await admin.query('orgs.invitations.list'));
    const entry = (email: string) => list.find((i: { email: string }) => i.email === email);
    const strip = ({ id, email, createdAt, expiresAt, ...rest }: Record<string, unknown>) => rest;
    expect(Object.keys(entry(existing))).toEqual(Object.keys(entry(unknown)));
    expect(strip(entry(existing))).toEqual(strip(entry(unknown)));
    expect(strip(entry(existing))).toEqual({ role: 'member', expired: false });
    // The mails differ only in the address and the token.
    await mail.token(existing, 'accept-invitation');
    await mail.token(unknown, 'accept-invitation');
    const [a, b] = [existing, unknown].map((to) => {
      const text = sink.received.findLast((m) => m.envelope.to[0] === to)?.parsed.text ?? '';
      return text.replace(/#token=\S+/, '#token=');
    });
    expect(a).toBe(b);
  });

  it('an invitation only works for the address it was sent to, can be revoked, and expires', async () => {
    const { admin, org } = await orgWithAdmin();
    const invited = address('invited');
    ok(await admin.mutation('orgs.members.invite', { email: invited, role: 'member' }));
    const token = await mail.token(invited, 'accept-invitation');
    const other = new HttpSession(server.url);
    await signUpVerified(other, mail, address('other'));
    expect((await other.mutation('auth.acceptInvitation', { token })).body.error.data.reason).toBe('INVITATION_FOR_ANOTHER_EMAIL');

    const [pending] = ok(await admin.query('orgs.invitations.list'));
    expect(ok(await admin.mutation('orgs.invitations.revoke', { id: pending.id }))).toEqual({ revoked: pending.id });
    const invitee = new HttpSession(server.url);
    await signUpVerified(invitee, mail, invited);
    expect((await invitee.mutation('auth.acceptInvitation', { token })).body.error.data.reason).toBe('INVALID_TOKEN');

    ok(await admin.mutation('orgs.members.invite', { email: invited, role: 'member' }));
    const again = await mail.token(invited, 'accept-invitation', token);
    // Through the tenant scope: under a non-superuser owner, FORCE RLS hides the rows from the root handle.
    await withTenant(server.db, org, (tx) =>
      tx
        .updateTable('invitations')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .execute(),
    );
    expect((await invitee.mutation('auth.acceptInvitation', { token: again })).body.error.data.reason).toBe('INVALID_TOKEN');
    expect(ok(await admin.query('orgs.invitations.list'))[0].expired).toBe(true);
    expect(ok(await invitee.query('orgs.list'))).toEqual([]);
  });

  it('mails links on PATCHBAY_PUBLIC_URL with the token in the fragment, never stored in plain text', async () => {
    const { admin } = await orgWithAdmin();
    const invited = address('link');
    ok(await admin.mutation('orgs.members.invite', { email: invited, role: 'member' }));
    await mail.token(invited, 'accept-invitation');
    const message = sink.received.findLast((m) => m.envelope.to[0] === invited);
    const link = /\S+#token=\S+/.exec(message?.parsed.text ?? '')?.[0] ?? '';
    expect(link.startsWith(`${server.url}/accept-invitation#token=`)).toBe(true);
    const stored = JSON.stringify(await server.db.selectFrom('invitations').selectAll().execute());
    expect(stored).not.toContain(tokenOf(link));
  });
});
