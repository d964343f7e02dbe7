import { z } from 'zod';
import { igUserOf, nextCursor, paging } from '../graph.ts';
import { defineInstagramAction } from './define.ts';

const FIELDS = 'id,caption,media_type,media_url,permalink,timestamp,like_count,comments_count';
const media = z.object({
  id: z.string(),
  caption: z.string().optional(),
  media_type: z.string(),
  media_url: z.string().optional(),
  permalink: z.string().optional(),
  timestamp: z.string(),
  like_count: z.number().optional(),
  comments_count: z.number().optional(),
});

/** Reference: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media#reading */
export const listMedia = defineInstagramAction({
  description: "One page of the account's media, newest first; pass `after` for the next",
  scopes: ['instagram_business_basic'],
  idempotent: true,
  input: z.object({ limit: z.number().int().min(1).max(100).default(25), after: z.string().min(1).optional() }),
  output: z.object({
    media: z.array(
      z.object({
        id: z.string(),
        caption: z.string().nullable(),
        mediaType: z.string(),
        mediaUrl: z.string().nullable(),
        permalink: z.string().nullable(),
        timestamp: z.string(),
        likeCount: z.number().nullable(),
        commentsCount: z.number().nullable(),
      }),
    ),
    after: z.string().nullable(),
  }),
  run: async (input, ctx) => {
    const igUser = igUserOf(ctx.connection.metadata);
    const query: Record<string, string> = { fields: FIELDS, limit: String(input.limit) };
    if (input.after) query.after = input.after;
    const res = await ctx.http.get(`/${igUser}/media`, { query, schema: z.object({ data: z.array(media), paging }) });
    return {
      media: res.data.data.map((m) => ({
        id: m.id,
        caption: m.caption ?? null,
        mediaType: m.media_type,
        mediaUrl: m.media_url ?? null,
        permalink: m.permalink ?? null,
        timestamp: m.timestamp,
        likeCount: m.like_count ?? null,
        commentsCount: m.comments_count ?? null,
      })),
      after: nextCursor(res.data.paging),
    };
  },
});
