/**
 * @module Single-use links mailed to an account owner: email verification (24 h) and password
 * reset (1 h). Only the SHA-256 of a token is stored; using one deletes it in the same statement.
 */
import type { Database } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { randomToken, sha256Hex } from './tokens.ts';

export type AccountTokenPurpose = 'verify_email' | 'reset_password';

export const ACCOUNT_TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
};

/** A fresh token for the user; earlier unused ones for the same purpose stop working. */
export async function issueAccountToken(db: Kysely<Database>, userId: string, purpose: AccountTokenPurpose): Promise<string> {
  const token = randomToken();
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
    await tx
      .insertInto('account_tokens')
      .values({
        token_hash: sha256Hex(token),
        user_id: userId,
        purpose,
        expires_at: new Date(Date.now() + ACCOUNT_TOKEN_LIFETIME_MS[purpose]),
      })
      .execute();
  });
  return token;
}

/** The user a live token belongs to, without using it up. */
export async function peekAccountToken(db: Kysely<Database>, token: string, purpose: AccountTokenPurpose): Promise<string | undefined> {
  const row = await db
    .selectFrom('account_tokens')
    .select('user_id')
    .where('token_hash', '=', sha256Hex(token))
    .where('purpose', '=', purpose)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row?.user_id;
}

/** Uses a token up: the user it belonged to, or undefined when it is unknown, used or expired. */
export async function consumeAccountToken(db: Kysely<Database>, token: string, purpose: AccountTokenPurpose): Promise<string | undefined> {
  const row = await db
    .deleteFrom('account_tokens')
    .where('token_hash', '=', sha256Hex(token))
    .where('purpose', '=', purpose)
    .where('expires_at', '>', new Date())
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}
