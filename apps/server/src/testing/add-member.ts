/**
 * @module Test helper: a second person in an organization, with a role, signed in in their own
 * browser. The one place that knows how someone joins an organization, so a change to how
 * invitations work is adapted here once.
 */
import { HttpSession, ok } from './http-session.ts';

export interface Member {
  userId: string;
  /** Their signed-in browser, naming the organization in `x-patchbay-org`. */
  browser: HttpSession;
}

let counter = 0;

export async function addMember(base: string, admin: HttpSession, org: string, role: 'owner' | 'admin' | 'member'): Promise<Member> {
  const browser = new HttpSession(base);
  const email = `${role}${++counter}-${Date.now()}@example.com`;
  const userId = ok(await browser.mutation('auth.signUp', { email, password: 'a long unusual phrase' })).user.id as string;
  ok(await admin.mutation('orgs.members.invite', { email, role }));
  return { userId, browser: browser.withOrg(org) };
}
