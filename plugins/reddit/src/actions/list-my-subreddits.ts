import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { fullname, limit, listing } from '../schemas.ts';

const subreddit = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string(),
  title: z.string(),
  subscribers: z.number().nullable(),
  over18: z.boolean().optional(),
  url: z.string(),
});

/** Reference: https://www.reddit.com/dev/api/#GET_subreddits_mine_subscriber (one page; `after` for the next). */
export const listMySubreddits = defineAction({
  description: 'One page of the subreddits the connected user is subscribed to',
  scopes: ['mysubreddits'],
  idempotent: true,
  input: z.object({ limit, after: fullname('t5').optional() }),
  output: z.object({
    subreddits: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        displayName: z.string(),
        title: z.string(),
        subscribers: z.number().nullable(),
        nsfw: z.boolean(),
        url: z.string(),
      }),
    ),
    after: z.string().nullable(),
  }),
  run: async (input, ctx) => {
    const res = await ctx.http.get('/subreddits/mine/subscriber', {
      query: { limit: input.limit, after: input.after, raw_json: 1 },
      schema: listing(subreddit),
    });
    return {
      subreddits: res.data.data.children.map(({ data: s }) => ({
        id: s.id,
        name: s.name,
        displayName: s.display_name,
        title: s.title,
        subscribers: s.subscribers,
        nsfw: s.over18 ?? false,
        url: `https://www.reddit.com${s.url}`,
      })),
      after: res.data.data.after,
    };
  },
});
