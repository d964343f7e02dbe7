import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { SCOPES, videoId, videoResource } from '../schemas.ts';

const videoList = z.object({ items: z.array(videoResource) });
/** Statistics are unsigned 64-bit counts sent as strings; views stay exact below 2^53. */
const count = (value: string | undefined) => (value === undefined ? null : Number(value));

/** Reference: https://developers.google.com/youtube/v3/docs/videos/list */
export const getVideos = defineAction({
  description: 'Details and statistics (views, likes, comments) of up to 50 videos',
  scopes: [SCOPES.readonly],
  input: z.object({ ids: z.array(videoId).min(1).max(50) }),
  output: z.object({
    videos: z.array(
      z.object({
        id: z.string(),
        title: z.string().nullable(),
        description: z.string().nullable(),
        channelId: z.string().nullable(),
        publishedAt: z.string().nullable(),
        tags: z.array(z.string()),
        categoryId: z.string().nullable(),
        privacyStatus: z.string().nullable(),
        viewCount: z.number().nullable(),
        likeCount: z.number().nullable(),
        commentCount: z.number().nullable(),
      }),
    ),
    missing: z.array(z.string()).describe('Ids YouTube did not return: deleted, private to another channel, or wrong'),
  }),
  idempotent: true,
  run: async (input, ctx) => {
    const ids = [...new Set(input.ids)];
    const res = await ctx.http.get('/youtube/v3/videos', {
      query: { part: 'snippet,statistics,status', id: ids.join(','), maxResults: 50 },
      schema: videoList,
    });
    const found = new Set(res.data.items.map((v) => v.id));
    return {
      videos: res.data.items.map((v) => ({
        id: v.id,
        title: v.snippet?.title ?? null,
        description: v.snippet?.description ?? null,
        channelId: v.snippet?.channelId ?? null,
        publishedAt: v.snippet?.publishedAt ?? null,
        tags: v.snippet?.tags ?? [],
        categoryId: v.snippet?.categoryId ?? null,
        privacyStatus: v.status?.privacyStatus ?? null,
        viewCount: count(v.statistics?.viewCount),
        likeCount: count(v.statistics?.likeCount),
        commentCount: count(v.statistics?.commentCount),
      })),
      missing: ids.filter((id) => !found.has(id)),
    };
  },
});
