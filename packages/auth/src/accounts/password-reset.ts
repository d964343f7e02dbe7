/**
 * @module Password reset by email: a single-use link (1 h). Asking answers the same whether or
 * not the address has an account; using it signs the account out everywhere.
 */
import type { Database } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';
import { passwordResetMail } from '../mail/account-mails.ts';
import { type AccountServices, accountLink, deliver } from '../mail/account-services.ts';
import { consumeAccountToken, issueAccountToken, peekAccountToken } from './account-tokens.ts';
import { assertStrong } from './accounts.ts';
import { AuthError } from './auth-error.ts';
import { TOO_MANY_MAIL_REQUESTS } from './email-verification.ts';
import { allowMailRequest } from './mail-throttle.ts';
import { hashPassword } from './password.ts';
import { invalidateUserSessions } from './sessions.ts';

export async function requestPasswordReset(db: Kysely<Database>, email: string, ip: string, services: AccountServices): Promise<void> {
  if (!(await allowMailRequest(db, 'reset_password', email, ip))) throw TOO_MANY_MAIL_REQUESTS();
  const user = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  if (!user) return;
  const token = await issueAccountToken(db, user.id, 'reset_password');
  deliver(services, passwordResetMail(user.email, accountLink(services, 'reset-password', token)));
}

const INVALID_LINK = () => new AuthError('INVALID_TOKEN', 'This reset link is invalid, was already used or has expired');

/**
 * Sets a new password and ends every session of the account. The mailed link proves the
 * mailbox, so an unverified address becomes verified too.
 */
export async function resetPassword(db: Kysely<Database>, input: { token: string; newPassword: string }): Promise<void> {
  // Checked before the token is spent, so a weak password does not waste the link.
  const owner = await peekAccountToken(db, input.token, 'reset_password');
  if (!owner) throw INVALID_LINK();
  const { email } = await db.selectFrom('users').select('email').where('id', '=', owner).executeTakeFirstOrThrow();
  assertStrong(input.newPassword, email);
  const passwordHash = await hashPassword(input.newPassword);
  const userId = await consumeAccountToken(db, input.token, 'reset_password');
  if (userId !== owner) throw INVALID_LINK();
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, email_verified_at: sql`coalesce(email_verified_at, now())`, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  await invalidateUserSessions(db, userId);
}
