import { type Database, withTenant, withUser } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { AuthError } from './auth-error.ts';
import { hashPassword, type PasswordProblem, passwordProblem, verifyAgainstNothing, verifyPassword } from './password.ts';
import { createSession, invalidateUserSessions, type SessionUser } from './sessions.ts';
import {
  addressKey,
  PASSWORD_CHECK_PER_USER,
  type RateLimit,
  resetAttempts,
  returnAttempt,
  SIGN_IN_PER_ACCOUNT,
  SIGN_IN_PER_ADDRESS,
  takeAttempt,
} from './throttle.ts';

const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: 'Password must be at least 10 characters',
  too_long: 'Password must be at most 256 characters',
  too_common: 'Password is too common; choose another',
};

export function assertStrong(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AuthError('WEAK_PASSWORD', PASSWORD_MESSAGES[problem]);
}

/** Observation points for tests: how many passwords were actually evaluated. */
export interface PasswordCheckOptions {
  onPasswordEvaluated?: () => void;
}

const TOO_MANY = (minutes: number) => new AuthError('TOO_MANY_ATTEMPTS', `Too many attempts; try again in ${minutes} minutes`);

/** Takes an attempt from every bucket, in order, or none: a refusal hands back what was taken. */
export async function takeAll(db: Kysely<Database>, buckets: readonly (readonly [RateLimit, string])[]): Promise<void> {
  for (const [index, [limit, key]] of buckets.entries()) {
    if (await takeAttempt(db, limit, key)) continue;
    for (const [taken, takenKey] of buckets.slice(0, index)) await returnAttempt(db, taken, takenKey);
    throw TOO_MANY(limit.windowMinutes);
  }
}

export interface SignedIn {
  user: SessionUser;
  token: string;
  expiresAt: Date;
}

const INVALID = () => new AuthError('INVALID_CREDENTIALS', 'Email or password is incorrect');

/**
 * Signs in. Unknown email and wrong password fail alike, in message and in time. The attempt is
 * counted against the account (with this address) and against the address before any password
 * is evaluated, so a parallel burst cannot get more guesses than a sequential one.
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string },
  options: PasswordCheckOptions = {},
): Promise<SignedIn> {
  const address = addressKey(input.ip);
  const account = `${input.email.toLowerCase()}|${address}`;
  await takeAll(db, [
    [SIGN_IN_PER_ADDRESS, address],
    [SIGN_IN_PER_ACCOUNT, account],
  ]);
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'password_hash', 'email_verified_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
    .executeTakeFirst();
  options.onPasswordEvaluated?.();
  const ok = row ? await verifyPassword(row.password_hash, input.password) : await verifyAgainstNothing(input.password);
  if (!row || !ok) throw INVALID();
  // Only failures count: the account starts afresh and the address gets its attempt back.
  await resetAttempts(db, SIGN_IN_PER_ACCOUNT, account);
  await returnAttempt(db, SIGN_IN_PER_ADDRESS, address);
  return {
    user: { id: row.id, email: row.email, name: row.name, emailVerified: row.email_verified_at !== null },
    ...(await createSession(db, row.id)),
  };
}

/** Re-checks the password of a signed-in user; throttled per user, as a stolen cookie could guess. */
async function checkPassword(
  db: Kysely<Database>,
  userId: string,
  password: string,
  options: PasswordCheckOptions,
): Promise<{ email: string }> {
  await takeAll(db, [[PASSWORD_CHECK_PER_USER, userId]]);
  const row = await db.selectFrom('users').select(['email', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
  options.onPasswordEvaluated?.();
  if (!(await verifyPassword(row.password_hash, password))) throw INVALID();
  await resetAttempts(db, PASSWORD_CHECK_PER_USER, userId);
  return row;
}

/** Changes the password and signs the user out everywhere else. */
export async function changePassword(
  db: Kysely<Database>,
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string },
  options: PasswordCheckOptions = {},
): Promise<void> {
  const { email } = await checkPassword(db, input.userId, input.currentPassword, options);
  assertStrong(input.newPassword, email);
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.newPassword), updated_at: new Date() })
    .where('id', '=', input.userId)
    .execute();
  await invalidateUserSessions(db, input.userId, input.sessionId);
}

/** The organizations the user is the only owner of: deleting the account would orphan them. */
async function orgsOnlyOwnedBy(db: Kysely<Database>, userId: string): Promise<string[]> {
  const owned = await withUser(db, userId, (tx) =>
    tx.selectFrom('memberships').select('tenant_id').where('user_id', '=', userId).where('role', '=', 'owner').execute(),
  );
  const orphaned: string[] = [];
  for (const { tenant_id } of owned) {
    const others = await withTenant(db, tenant_id, (tx) =>
      tx.selectFrom('memberships').select('user_id').where('role', '=', 'owner').where('user_id', '!=', userId).limit(1).execute(),
    );
    if (others.length === 0) orphaned.push(tenant_id);
  }
  return orphaned;
}

/** Removes the account; its sessions and memberships go with it. Refused while it is some organization's only owner. */
export async function deleteAccount(
  db: Kysely<Database>,
  input: { userId: string; password: string },
  options: PasswordCheckOptions = {},
): Promise<void> {
  await checkPassword(db, input.userId, input.password, options);
  const orphaned = await orgsOnlyOwnedBy(db, input.userId);
  if (orphaned.length > 0) {
    throw new AuthError(
      'LAST_OWNER',
      `You are the only owner of ${orphaned.length === 1 ? 'an organization' : `${orphaned.length} organizations`} (${orphaned.join(', ')}); make another member owner first`,
    );
  }
  await db.deleteFrom('users').where('id', '=', input.userId).execute();
}
