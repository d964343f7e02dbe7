import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { fullname, isoFromUtc, limit, listing, subredditName } from '../schemas.ts';

const link = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  author: z.string(),
  permalink: z.string(),
  url: z.string().optional(),
  is_self: z.boolean(),
  selftext: z.string().optional(),
  score: z.number(),
  num_comments: z.number(),
  created_utc: z.number(),
  over_18: z.boolean().optional(),
  link_flair_text: z.string().nullable().optional(),
});

/**
 * Reference: https://www.reddit.com/dev/api/#GET_new (and hot, top, rising): one page of a
 * listing; `after` (the last post's fullname) goes back in to read the next page, null at the end.
 */
export const listSubredditPosts = defineAction({
  description: 'One page of posts in a subreddit',
  scopes: ['read'],
  idempotent: true,
  input: z.object({
    subreddit: subredditName,
    sort: z.enum(['new', 'hot', 'top', 'rising']).default('new'),
    limit,
    after: fullname('t3').optional(),
  }),
  output: z.object({
    posts: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        title: z.string(),
        author: z.string(),
        permalink: z.string(),
        url: z.string().nullable(),
        isSelf: z.boolean(),
        text: z.string().nullable(),
        score: z.number(),
        comments: z.number(),
        flair: z.string().nullable(),
        nsfw: z.boolean(),
        createdAt: z.string(),
      }),
    ),
    after: z.string().nullable(),
  }),
  run: async (input, ctx) => {
    const res = await ctx.http.get(`/r/${input.subreddit}/${input.sort}`, {
      query: { limit: input.limit, after: input.after, raw_json: 1 },
      schema: listing(link),
    });
    return {
      posts: res.data.data.children.map(({ data: p }) => ({
        id: p.id,
        name: p.name,
        title: p.title,
        author: p.author,
        permalink: `https://www.reddit.com${p.permalink}`,
        url: p.is_self ? null : (p.url ?? null),
        isSelf: p.is_self,
        text: p.is_self ? (p.selftext ?? '') : null,
        score: p.score,
        comments: p.num_comments,
        flair: p.link_flair_text ?? null,
        nsfw: p.over_18 ?? false,
        createdAt: isoFromUtc(p.created_utc),
      })),
      after: res.data.data.after,
    };
  },
});
