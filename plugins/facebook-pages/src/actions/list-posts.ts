import { z } from 'zod';
import { chosenPage, nextCursor, paging } from '../graph.ts';
import { definePagesAction } from './define.ts';

const post = z.object({
  id: z.string(),
  message: z.string().optional(),
  created_time: z.string(),
  permalink_url: z.string().optional(),
});

/** Reference: https://developers.facebook.com/docs/graph-api/reference/page/posts/ (cursor paging) */
export const listPosts = definePagesAction({
  description: "One page of the chosen Page's published posts, newest first; pass `after` for the next",
  scopes: ['pages_read_engagement'],
  idempotent: true,
  input: z.object({
    limit: z.number().int().min(1).max(100).default(25),
    after: z.string().min(1).optional().describe('The cursor from a previous call'),
  }),
  output: z.object({
    posts: z.array(
      z.object({ id: z.string(), message: z.string().nullable(), createdTime: z.string(), permalinkUrl: z.string().nullable() }),
    ),
    after: z.string().nullable(),
  }),
  run: async (input, ctx) => {
    const page = chosenPage(ctx.connection.account);
    const query: Record<string, string> = { fields: 'id,message,created_time,permalink_url', limit: String(input.limit) };
    if (input.after) query.after = input.after;
    const res = await ctx.http.get(`/${page}/posts`, { query, schema: z.object({ data: z.array(post), paging }) });
    return {
      posts: res.data.data.map((p) => ({
        id: p.id,
        message: p.message ?? null,
        createdTime: p.created_time,
        permalinkUrl: p.permalink_url ?? null,
      })),
      after: nextCursor(res.data.paging),
    };
  },
});
