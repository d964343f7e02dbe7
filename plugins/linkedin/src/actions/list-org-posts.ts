import { z } from 'zod';
import { chosenOrganization, defineLinkedInAction, FINDER } from '../organization.ts';

const post = z.object({
  id: z.string(),
  commentary: z.string().optional(),
  lifecycleState: z.string().optional(),
  visibility: z.string().optional(),
  createdAt: z.number().optional(),
  publishedAt: z.number().optional(),
  lastModifiedAt: z.number().optional(),
});
const page = z.object({
  elements: z.array(post),
  paging: z.object({ start: z.number(), count: z.number(), total: z.number().optional() }).optional(),
});

/** Reference: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api#find-posts-by-authors */
export const listOrgPosts = defineLinkedInAction({
  description: "List the chosen organization's posts, newest first, one page at a time",
  scopes: ['r_organization_social'],
  input: z.object({
    count: z.number().int().min(1).max(100).default(10),
    start: z.number().int().min(0).default(0).describe('Offset: nextStart from the previous page'),
  }),
  output: z.object({
    posts: z.array(
      z.object({
        id: z.string(),
        commentary: z.string().nullable(),
        lifecycleState: z.string().nullable(),
        visibility: z.string().nullable(),
        createdAt: z.string().nullable(),
        publishedAt: z.string().nullable(),
      }),
    ),
    total: z.number().nullable(),
    nextStart: z.number().nullable().describe('start for the next page; null on the last one'),
  }),
  run: async (input, ctx) => {
    const res = await ctx.http.get('/rest/posts', {
      query: { q: 'author', author: chosenOrganization(ctx), count: input.count, start: input.start, sortBy: 'LAST_MODIFIED' },
      headers: FINDER,
      schema: page,
    });
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    const { elements, paging } = res.data;
    const total = paging?.total ?? null;
    const after = input.start + elements.length;
    const more = total === null ? elements.length === input.count : after < total;
    return {
      posts: elements.map((p) => ({
        id: p.id,
        commentary: p.commentary ?? null,
        lifecycleState: p.lifecycleState ?? null,
        visibility: p.visibility ?? null,
        createdAt: iso(p.createdAt),
        publishedAt: iso(p.publishedAt),
      })),
      total,
      nextStart: more && elements.length > 0 ? after : null,
    };
  },
});
