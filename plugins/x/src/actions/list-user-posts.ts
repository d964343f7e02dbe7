import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { post, postOutput, toPost, xId } from '../schemas.ts';

const page = z.object({
  data: z.array(post).optional(),
  meta: z.object({ result_count: z.number().optional(), next_token: z.string().optional() }).optional(),
});

/**
 * Reference: https://docs.x.com/x-api/users/get-posts (GET /2/users/:id/tweets). One page;
 * `nextToken` (X's `meta.next_token`) goes back as `paginationToken`. An empty page has no `data`.
 */
export const listUserPosts = defineAction({
  description: "One page of a user's posts, newest first (the connected user's when userId is left out)",
  scopes: ['tweet.read', 'users.read'],
  idempotent: true,
  input: z.object({
    userId: xId.optional(),
    maxResults: z.number().int().min(5).max(100).default(10),
    paginationToken: z.string().min(1).optional(),
    exclude: z.array(z.enum(['replies', 'retweets'])).optional(),
  }),
  output: z.object({ posts: z.array(postOutput), nextToken: z.string().nullable() }),
  run: async (input, ctx) => {
    const userId =
      input.userId ?? (await ctx.http.get('/2/users/me', { schema: z.object({ data: z.object({ id: z.string() }) }) })).data.data.id;
    const res = await ctx.http.get(`/2/users/${userId}/tweets`, {
      query: {
        max_results: input.maxResults,
        pagination_token: input.paginationToken,
        exclude: input.exclude?.length ? input.exclude.join(',') : undefined,
        'tweet.fields': 'created_at,author_id,public_metrics',
      },
      schema: page,
    });
    return { posts: (res.data.data ?? []).map(toPost), nextToken: res.data.meta?.next_token ?? null };
  },
});
