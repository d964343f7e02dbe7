/**
 * @module Sign-in throttling: 10 failures for one email from one address within 15 minutes
 * lock that pair out until the window passes. Kept in Postgres so it holds across processes.
 * Requests that send mail (verification, password reset) are counted in the same table under
 * their own `purpose`, limited per email and per address separately (see `allowMailRequest`).
 */
import type { Database } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';

export const MAX_FAILURES = 10;
export const WINDOW_MINUTES = 15;

export async function isThrottled(db: Kysely<Database>, email: string, ip: string): Promise<boolean> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(
      sql<boolean>`lower(email) = lower(${email}) and ip = ${ip} and purpose = 'sign_in' and failed_at > now() - make_interval(mins => ${WINDOW_MINUTES})`,
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0) >= MAX_FAILURES;
}

export async function recordFailure(db: Kysely<Database>, email: string, ip: string): Promise<void> {
  await db.insertInto('sign_in_failures').values({ email: email.toLowerCase(), ip }).execute();
  // Old failures no longer count; drop them for this pair so the table stays small.
  await db
    .deleteFrom('sign_in_failures')
    .where(
      sql<boolean>`lower(email) = lower(${email}) and ip = ${ip} and purpose = 'sign_in' and failed_at <= now() - make_interval(mins => ${WINDOW_MINUTES})`,
    )
    .execute();
}

export async function clearFailures(db: Kysely<Database>, email: string, ip: string): Promise<void> {
  await db
    .deleteFrom('sign_in_failures')
    .where(sql<boolean>`lower(email) = lower(${email}) and ip = ${ip} and purpose = 'sign_in'`)
    .execute();
}

export type MailRequestPurpose = 'verify_email' | 'reset_password';

/** Mail requests one address may make per window, and one email may receive. */
export const MAX_MAIL_REQUESTS_PER_EMAIL = 5;
export const MAX_MAIL_REQUESTS_PER_IP = 30;

/**
 * Counts a request that would send mail and says whether it may go ahead: at most
 * MAX_MAIL_REQUESTS_PER_EMAIL per email (so nobody's inbox can be flooded) and
 * MAX_MAIL_REQUESTS_PER_IP per client address within WINDOW_MINUTES. Refused requests count too.
 */
export async function allowMailRequest(db: Kysely<Database>, purpose: MailRequestPurpose, email: string, ip: string): Promise<boolean> {
  const recent = sql<boolean>`purpose = ${purpose} and failed_at > now() - make_interval(mins => ${WINDOW_MINUTES})`;
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere(sql<boolean>`lower(email) = lower(${email})`).as('byEmail'),
      eb.fn.countAll<number>().filterWhere('ip', '=', ip).as('byIp'),
    ])
    .where(recent)
    .executeTakeFirst();
  await db.insertInto('sign_in_failures').values({ email: email.toLowerCase(), ip, purpose }).execute();
  await db
    .deleteFrom('sign_in_failures')
    .where(sql<boolean>`purpose = ${purpose} and failed_at <= now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .execute();
  return Number(row?.byEmail ?? 0) < MAX_MAIL_REQUESTS_PER_EMAIL && Number(row?.byIp ?? 0) < MAX_MAIL_REQUESTS_PER_IP;
}
