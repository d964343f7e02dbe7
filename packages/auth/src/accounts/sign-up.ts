/**
 * @module Sign-up under the deployment's policy. The answer never says whether the email
 * already has an account (F14): a new address gets a verification link, a taken one a mail to
 * its owner, and the caller sees the same `{ checkEmail: true }` with no session either way
 * (a session for one case only would be the tell). Signing in is a separate call.
 */
import type { Database } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';
import { accountExistsMail, verificationMail } from '../mail/account-mails.ts';
import { type AccountServices, accountLink, deliver } from '../mail/account-services.ts';
import { issueAccountToken } from './account-tokens.ts';
import { assertStrong, takeAll } from './accounts.ts';
import { AuthError } from './auth-error.ts';
import { findInvitation, sameEmail } from './invitations.ts';
import { allowMailRequest } from './mail-throttle.ts';
import { hashPassword } from './password.ts';
import { addressKey, SIGN_UP_PER_ADDRESS } from './throttle.ts';

export interface SignUpInput {
  email: string;
  password: string;
  name?: string | undefined;
  /** The token of an invitation link: lets a sign-up through under PATCHBAY_SIGNUP=invite. */
  invitationToken?: string | undefined;
  ip: string;
}

const NEEDS_INVITATION = () =>
  new AuthError('SIGNUP_CLOSED', 'Sign-up on this server needs an invitation: follow the link in your invitation email');

/**
 * Whether an invitation for exactly this email came with the sign-up. Holding the mailed token
 * proves the caller reads that mailbox, so such an account starts verified.
 */
async function invitedHere(db: Kysely<Database>, input: SignUpInput): Promise<boolean> {
  if (!input.invitationToken) return false;
  const invitation = await findInvitation(db, input.invitationToken);
  return invitation !== undefined && sameEmail(invitation.email, input.email);
}

export async function signUp(db: Kysely<Database>, input: SignUpInput, services: AccountServices): Promise<{ checkEmail: true }> {
  assertStrong(input.password, input.email);
  // Before the hash: each sign-up costs ~19 MiB of argon2 work.
  await takeAll(db, [[SIGN_UP_PER_ADDRESS, addressKey(input.ip)]]);
  const passwordHash = await hashPassword(input.password);
  const invited = await invitedHere(db, input);
  const created = await db.transaction().execute(async (tx) => {
    if (services.signup !== 'open') {
      // Serialises sign-ups under a restrictive policy, so two people cannot both be "the first account".
      await sql`select pg_advisory_xact_lock(hashtext('patchbay.first_account'))`.execute(tx);
      const anyone = await tx.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (anyone && (services.signup === 'closed' || !invited)) throw NEEDS_INVITATION();
    }
    return tx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name ?? null,
        password_hash: passwordHash,
        email_verified_at: invited ? new Date() : null,
      })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning(['id', 'email'])
      .executeTakeFirst();
  });
  // Each sign-up sends at most one mail, under the same per-email and per-address limits as resends.
  if (!(await allowMailRequest(db, 'verify_email', input.email, input.ip))) return { checkEmail: true };
  if (!created) {
    deliver(services, accountExistsMail(input.email, accountLink(services, 'reset-password', await resetTokenFor(db, input.email))));
  } else if (!invited) {
    deliver(
      services,
      verificationMail(created.email, accountLink(services, 'verify-email', await issueAccountToken(db, created.id, 'verify_email'))),
    );
  }
  return { checkEmail: true };
}

/** A reset link for the existing owner of `email`, so "I already have an account" mail is useful. */
async function resetTokenFor(db: Kysely<Database>, email: string): Promise<string> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirstOrThrow();
  return issueAccountToken(db, user.id, 'reset_password');
}
