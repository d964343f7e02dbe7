/**
 * @module Requests that send mail (verification, password reset) are throttled per email, so
 * nobody's inbox can be flooded, and per client address, on the same atomic counters as sign-in
 * (throttle.ts). Each purpose has its own buckets.
 */
import type { Database } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { addressKey, type RateLimit, returnAttempt, takeAttempt } from './throttle.ts';

export type MailRequestPurpose = 'verify_email' | 'reset_password';

export const MAIL_PER_EMAIL: RateLimit = Object.freeze({ scope: 'mail-email', max: 5, windowMinutes: 15 });
export const MAIL_PER_ADDRESS: RateLimit = Object.freeze({ scope: 'mail-address', max: 30, windowMinutes: 15 });
/** Mail requests one email may receive, and one address may make, per purpose and window. */
export const MAX_MAIL_REQUESTS_PER_EMAIL = MAIL_PER_EMAIL.max;
export const MAX_MAIL_REQUESTS_PER_IP = MAIL_PER_ADDRESS.max;

/** Counts a request that would send mail and says whether it may go ahead (a refusal takes nothing). */
export async function allowMailRequest(db: Kysely<Database>, purpose: MailRequestPurpose, email: string, ip: string): Promise<boolean> {
  const address = `${purpose}|${addressKey(ip)}`;
  if (!(await takeAttempt(db, MAIL_PER_ADDRESS, address))) return false;
  if (await takeAttempt(db, MAIL_PER_EMAIL, `${purpose}|${email.toLowerCase()}`)) return true;
  await returnAttempt(db, MAIL_PER_ADDRESS, address);
  return false;
}
