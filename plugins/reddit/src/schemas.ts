/** @module Reddit shapes shared by the actions: names, fullnames and listings (`{ kind: 'Listing', data: { after, children } }`). */
import { z } from 'zod';

/** A subreddit name as it appears after /r/ (3-21 letters, digits and underscores; `u_<user>` for profiles). */
export const subredditName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_]{1,20}$|^u_[A-Za-z0-9_-]{3,20}$/, 'a subreddit name without /r/');

/** A thing's fullname: type prefix and base-36 id (`t3_15bfi0` a post, `t1_c3v7f8u` a comment). */
export const fullname = (prefixes: string) =>
  z.string().regex(new RegExp(`^(${prefixes})_[a-z0-9]{1,13}$`), `a fullname (${prefixes}_...)`);

export const limit = z.number().int().min(1).max(100).default(25);

export function listing<T extends z.ZodType>(item: T) {
  return z.object({
    kind: z.literal('Listing'),
    data: z.object({ after: z.string().nullable(), children: z.array(z.object({ kind: z.string(), data: item })) }),
  });
}

/** Seconds since the epoch (Reddit's `created_utc`) as ISO-8601. */
export const isoFromUtc = (seconds: number) => new Date(seconds * 1000).toISOString();
