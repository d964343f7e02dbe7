/**
 * @module Sessions the way the Lucia guide builds them: the client holds a random token, the
 * database only its SHA-256. Sessions last 30 days and slide: one used in its last 15 days is
 * extended, so an active user stays signed in and an idle one is signed out.
 */
import type { Database } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { randomToken, sha256Hex } from './tokens.ts';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_WITHIN_MS = 15 * 24 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  /** Whether the user followed a verification link; unverified users cannot join or create organizations. */
  emailVerified: boolean;
}

export interface ValidSession {
  sessionId: string;
  expiresAt: Date;
  /** True when the expiry moved: the cookie must be sent again with the new date. */
  renewed: boolean;
  user: SessionUser;
}

export async function createSession(db: Kysely<Database>, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await db
    .insertInto('sessions')
    .values({ id: sha256Hex(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function validateSessionToken(db: Kysely<Database>, token: string): Promise<ValidSession | undefined> {
  const sessionId = sha256Hex(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.expires_at', 'users.id', 'users.email', 'users.name', 'users.email_verified_at'])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = Date.now();
  if (row.expires_at.getTime() <= now) {
    await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    return undefined;
  }
  let expiresAt = row.expires_at;
  const renewed = expiresAt.getTime() - now < RENEW_WITHIN_MS;
  if (renewed) {
    expiresAt = new Date(now + SESSION_LIFETIME_MS);
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute();
  }
  return {
    sessionId,
    expiresAt,
    renewed,
    user: { id: row.id, email: row.email, name: row.name, emailVerified: row.email_verified_at !== null },
  };
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs a user out everywhere (password change, account removal), optionally keeping one session. */
export async function invalidateUserSessions(db: Kysely<Database>, userId: string, keepSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}
