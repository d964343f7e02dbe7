/** @module Proving an address: a single-use link (24 h) mailed at sign-up and on request. */
import type { Database } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';
import { verificationMail } from '../mail/account-mails.ts';
import { type AccountServices, accountLink, deliver } from '../mail/account-services.ts';
import { consumeAccountToken, issueAccountToken } from './account-tokens.ts';
import { AuthError } from './auth-error.ts';
import { allowMailRequest } from './mail-throttle.ts';
import { invalidateUserSessions } from './sessions.ts';

export const TOO_MANY_MAIL_REQUESTS = () => new AuthError('TOO_MANY_ATTEMPTS', 'Too many mail requests; try again in 15 minutes');

/** Mails a new verification link to a signed-in, unverified user (earlier links stop working). */
export async function resendVerification(
  db: Kysely<Database>,
  user: { id: string; email: string; emailVerified: boolean },
  ip: string,
  services: AccountServices,
): Promise<{ sent: boolean }> {
  if (user.emailVerified) return { sent: false };
  if (!(await allowMailRequest(db, 'verify_email', user.email, ip))) throw TOO_MANY_MAIL_REQUESTS();
  const token = await issueAccountToken(db, user.id, 'verify_email');
  deliver(services, verificationMail(user.email, accountLink(services, 'verify-email', token)));
  return { sent: true };
}

/**
 * Marks the address verified; the link works once and for 24 hours. Every session of the
 * account ends: one opened before verification may belong to someone who registered the
 * address without owning it (account pre-hijacking), so everyone signs in again.
 */
export async function verifyEmail(db: Kysely<Database>, token: string): Promise<void> {
  const userId = await consumeAccountToken(db, token, 'verify_email');
  if (!userId) throw new AuthError('INVALID_TOKEN', 'This verification link is invalid, was already used or has expired');
  await db
    .updateTable('users')
    .set({ email_verified_at: sql`coalesce(email_verified_at, now())`, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  await invalidateUserSessions(db, userId);
}
