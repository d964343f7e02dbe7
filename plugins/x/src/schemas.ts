/** @module Shapes shared by the X actions: ids and posts as X returns them, and as we hand them on. */
import { z } from 'zod';

/** X ids are 64-bit integers sent as decimal strings. */
export const xId = z.string().regex(/^\d{1,19}$/, 'an X id: digits only');

export const post = z.object({
  id: z.string(),
  text: z.string(),
  created_at: z.string().optional(),
  author_id: z.string().optional(),
  conversation_id: z.string().optional(),
  public_metrics: z
    .object({ retweet_count: z.number(), reply_count: z.number(), like_count: z.number(), quote_count: z.number() })
    .partial()
    .optional(),
});

export const postOutput = z.object({
  id: z.string(),
  text: z.string(),
  createdAt: z.string().nullable(),
  authorId: z.string().nullable(),
  likes: z.number().nullable(),
  reposts: z.number().nullable(),
  replies: z.number().nullable(),
});

export function toPost(p: z.infer<typeof post>): z.infer<typeof postOutput> {
  return {
    id: p.id,
    text: p.text,
    createdAt: p.created_at ?? null,
    authorId: p.author_id ?? null,
    likes: p.public_metrics?.like_count ?? null,
    reposts: p.public_metrics?.retweet_count ?? null,
    replies: p.public_metrics?.reply_count ?? null,
  };
}
