/**
 * @module Test helper: a second person in an organization, with a role, signed in in their own
 * browser. The one place that knows how someone joins an organization: a verified account
 * accepts the invitation mailed to it.
 */
import { type HttpSession, ok } from './http-session.ts';
import { newVerifiedUser } from './sign-up.ts';
import type { Outbox } from './test-accounts.ts';

export interface Member {
  userId: string;
  /** Their signed-in browser, naming the organization in `x-patchbay-org`. */
  browser: HttpSession;
}

let counter = 0;

export async function addMember(
  server: { url: string; outbox: Outbox },
  admin: HttpSession,
  org: string,
  role: 'owner' | 'admin' | 'member',
): Promise<Member> {
  const email = `${role}${++counter}-${Date.now()}@example.com`;
  const { session, id } = await newVerifiedUser(server.url, server.outbox, email);
  ok(await admin.mutation('orgs.members.invite', { email, role }));
  ok(await session.mutation('auth.acceptInvitation', { token: await server.outbox.token(email, 'accept-invitation') }));
  return { userId: id, browser: session.withOrg(org) };
}
