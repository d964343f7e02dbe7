/**
 * @module Sign-in throttling: 10 failures for one email from one address within 15 minutes
 * lock that pair out until the window passes. Kept in Postgres so it holds across processes.
 */
import type { Database } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';

export const MAX_FAILURES = 10;
export const WINDOW_MINUTES = 15;

export async function isThrottled(db: Kysely<Database>, email: string, ip: string): Promise<boolean> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<boolean>`lower(email) = lower(${email}) and ip = ${ip} and failed_at > now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .executeTakeFirst();
  return Number(row?.n ?? 0) >= MAX_FAILURES;
}

export async function recordFailure(db: Kysely<Database>, email: string, ip: string): Promise<void> {
  await db.insertInto('sign_in_failures').values({ email: email.toLowerCase(), ip }).execute();
  // Old failures no longer count; drop them for this pair so the table stays small.
  await db
    .deleteFrom('sign_in_failures')
    .where(sql<boolean>`lower(email) = lower(${email}) and ip = ${ip} and failed_at <= now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .execute();
}

export async function clearFailures(db: Kysely<Database>, email: string, ip: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where(sql<boolean>`lower(email) = lower(${email}) and ip = ${ip}`).execute();
}
