/**
 * @module A keyed attempt limiter kept in Postgres, so it holds across processes. An attempt is
 * taken from a bucket with one conditional upsert BEFORE the guarded work (hashing a password,
 * sending a mail) runs: the row lock serialises parallel takers, so 200 parallel requests get the
 * same answers as 200 sequential ones. A bucket allows `max` attempts per fixed window that
 * starts at its first attempt; once spent it refuses until the window has passed.
 */
import type { Database } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';

/** One kind of limit; `scope` keeps different limits on the same key apart. */
export interface RateLimit {
  readonly scope: string;
  readonly max: number;
  readonly windowMinutes: number;
}

/** Guesses at one account from one address. */
export const SIGN_IN_PER_ACCOUNT: RateLimit = Object.freeze({ scope: 'sign-in', max: 10, windowMinutes: 15 });
/** Failed sign-ins from one address across every email: password spraying. */
export const SIGN_IN_PER_ADDRESS: RateLimit = Object.freeze({ scope: 'sign-in-address', max: 100, windowMinutes: 15 });
/** Accounts created from one address; each costs an argon2 hash. */
export const SIGN_UP_PER_ADDRESS: RateLimit = Object.freeze({ scope: 'sign-up-address', max: 50, windowMinutes: 10 });
/** Password re-checks behind a session (change password, delete account), per user. */
export const PASSWORD_CHECK_PER_USER: RateLimit = Object.freeze({ scope: 'password-check', max: 10, windowMinutes: 15 });

/** Kept for callers that show the sign-in policy. */
export const MAX_FAILURES = SIGN_IN_PER_ACCOUNT.max;
export const WINDOW_MINUTES = SIGN_IN_PER_ACCOUNT.windowMinutes;

const bucket = (limit: RateLimit, key: string) => `${limit.scope}:${key}`;

/**
 * The part of a client address that names one client: an IPv4 address whole, an IPv6 address by
 * its /64 (one subscriber's network, whose 2^64 addresses would otherwise each get fresh attempts).
 */
export function addressKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const count = (part: string) => (part ? part.split(':').reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0) : 0);
  const groups = [...(head ? head.split(':') : []), ...Array<string>(tail === undefined ? 0 : 8 - count(head) - count(tail)).fill('0')];
  if (tail) groups.push(...tail.split(':'));
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Takes one attempt from `key`'s bucket. True: the attempt is recorded and may go ahead.
 * False: the bucket is spent; nothing is recorded and the caller must refuse.
 */
export async function takeAttempt(db: Kysely<Database>, limit: RateLimit, key: string): Promise<boolean> {
  const expired = sql<boolean>`t.window_started_at <= now() - make_interval(mins => ${limit.windowMinutes})`;
  const { rows } = await sql<{ hits: number }>`
    insert into throttle_counters as t (bucket, hits, window_started_at) values (${bucket(limit, key)}, 1, now())
    on conflict (bucket) do update set
      hits = case when ${expired} then 1 else t.hits + 1 end,
      window_started_at = case when ${expired} then now() else t.window_started_at end
    where t.hits < ${limit.max} or ${expired}
    returning t.hits`.execute(db);
  return rows.length > 0;
}

/** Gives one attempt back (it turned out not to count, say a successful sign-in). */
export async function returnAttempt(db: Kysely<Database>, limit: RateLimit, key: string): Promise<void> {
  await db
    .updateTable('throttle_counters')
    .set((eb) => ({ hits: sql<number>`greatest(${eb.ref('hits')} - 1, 0)` }))
    .where('bucket', '=', bucket(limit, key))
    .execute();
}

/** Forgets every attempt on `key` (the user proved they know the password). */
export async function resetAttempts(db: Kysely<Database>, limit: RateLimit, key: string): Promise<void> {
  await db.deleteFrom('throttle_counters').where('bucket', '=', bucket(limit, key)).execute();
}
