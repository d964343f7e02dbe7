import type { Database } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';
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
  SIGN_UP_PER_ADDRESS,
  takeAttempt,
} from './throttle.ts';

const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: 'Password must be at least 10 characters',
  too_long: 'Password must be at most 256 characters',
  too_common: 'Password is too common; choose another',
};

function assertStrong(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AuthError('WEAK_PASSWORD', PASSWORD_MESSAGES[problem]);
}

/** Observation points for tests: how many passwords were actually evaluated. */
export interface PasswordCheckOptions {
  onPasswordEvaluated?: () => void;
}

const TOO_MANY = (minutes: number) => new AuthError('TOO_MANY_ATTEMPTS', `Too many attempts; try again in ${minutes} minutes`);

/** Takes an attempt from every bucket, in order, or none: a refusal hands back what was taken. */
async function takeAll(db: Kysely<Database>, buckets: readonly (readonly [RateLimit, string])[]): Promise<void> {
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

/** Creates an account, turns pending invitations for its email into memberships, and signs in. */
export async function signUp(
  db: Kysely<Database>,
  input: { email: string; password: string; name?: string | undefined; ip: string },
): Promise<SignedIn> {
  assertStrong(input.password, input.email);
  // Before the hash: each sign-up costs ~19 MiB of argon2 work.
  await takeAll(db, [[SIGN_UP_PER_ADDRESS, addressKey(input.ip)]]);
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction().execute(async (tx) => {
    const created = await tx
      .insertInto('users')
      .values({ email: input.email, name: input.name ?? null, password_hash: passwordHash })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning(['id', 'email', 'name'])
      .executeTakeFirst();
    if (!created) throw new AuthError('EMAIL_TAKEN', 'An account with this email already exists');
    await acceptInvitations(tx, created.id, created.email);
    return created;
  });
  return { user, ...(await createSession(db, user.id)) };
}

async function acceptInvitations(tx: Kysely<Database>, userId: string, email: string): Promise<void> {
  // Runs as the owner role: invitations across every tenant addressed to this email.
  const invites = await tx
    .deleteFrom('invitations')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .returning(['tenant_id', 'role'])
    .execute();
  for (const invite of invites) {
    await tx
      .insertInto('memberships')
      .values({ tenant_id: invite.tenant_id, user_id: userId, role: invite.role })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
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
    .select(['id', 'email', 'name', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
    .executeTakeFirst();
  options.onPasswordEvaluated?.();
  const ok = row ? await verifyPassword(row.password_hash, input.password) : await verifyAgainstNothing(input.password);
  if (!row || !ok) throw INVALID();
  // Only failures count: the account starts afresh and the address gets its attempt back.
  await resetAttempts(db, SIGN_IN_PER_ACCOUNT, account);
  await returnAttempt(db, SIGN_IN_PER_ADDRESS, address);
  return { user: { id: row.id, email: row.email, name: row.name }, ...(await createSession(db, row.id)) };
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

/** Removes the account; its sessions and memberships go with it. */
export async function deleteAccount(
  db: Kysely<Database>,
  input: { userId: string; password: string },
  options: PasswordCheckOptions = {},
): Promise<void> {
  await checkPassword(db, input.userId, input.password, options);
  await db.deleteFrom('users').where('id', '=', input.userId).execute();
}
