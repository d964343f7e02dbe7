/** @module Test helper: an account the way a person gets one: sign up, follow the mailed link, sign in. */
import { HttpSession, ok } from './http-session.ts';
import type { Outbox } from './test-accounts.ts';

const PASSWORD = 'a long unusual phrase';

/** Signs `session` up as `email`, verifies the address through the mailed link and signs in. */
export async function signUpVerified(session: HttpSession, outbox: Outbox, email: string, name?: string): Promise<{ id: string }> {
  ok(await session.mutation('auth.signUp', { email, password: PASSWORD, ...(name ? { name } : {}) }));
  ok(await session.mutation('auth.verifyEmail', { token: await outbox.token(email, 'verify-email') }));
  return ok(await session.mutation('auth.signIn', { email, password: PASSWORD })).user;
}

/** A new signed-in, verified user on `base`. */
export async function newVerifiedUser(base: string, outbox: Outbox, email: string): Promise<{ session: HttpSession; id: string }> {
  const session = new HttpSession(base);
  const { id } = await signUpVerified(session, outbox, email);
  return { session, id };
}
