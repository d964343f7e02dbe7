import { defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';
import { tiktokAuth } from '../auth.ts';
import { envelope } from '../schemas.ts';

const FIELDS = 'id,title,video_description,duration,cover_image_url,share_url,create_time';

const page = z.object({
  videos: z
    .array(
      z.object({
        id: z.string(),
        title: z.string().optional(),
        video_description: z.string().optional(),
        duration: z.number().optional(),
        cover_image_url: z.string().optional(),
        share_url: z.string().optional(),
        create_time: z.number().optional(),
      }),
    )
    .default([]),
  cursor: z.number(),
  has_more: z.boolean(),
});

/**
 * Reference: https://developers.tiktok.com/doc/tiktok-api-v2-video-list
 * POST /v2/video/list/?fields=… with `{ max_count (≤ 20), cursor }`, newest first; `cursor` and
 * `has_more` page on. One page per call: the cursor is handed back for the next.
 */
export const listVideos = defineActionFor(tiktokAuth)({
  description: 'The creator’s public videos, newest first, one page at a time',
  input: z.object({ maxCount: z.number().int().min(1).max(20).default(20), cursor: z.number().int().optional() }),
  output: z.object({
    videos: z.array(
      z.object({
        id: z.string(),
        title: z.string().optional(),
        description: z.string().optional(),
        durationSec: z.number().optional(),
        coverImageUrl: z.string().optional(),
        shareUrl: z.string().optional(),
        createdAt: z.string().optional(),
      }),
    ),
    nextCursor: z.number().optional(),
  }),
  scopes: ['video.list'],
  idempotent: true,
  run: async (input, ctx) => {
    const res = await ctx.http.post('/video/list/', {
      query: { fields: FIELDS },
      json: { max_count: input.maxCount, cursor: input.cursor },
      schema: envelope(page),
      idempotent: true,
    });
    const { videos, cursor, has_more } = res.data.data;
    return {
      videos: videos.map((v) => ({
        id: v.id,
        title: v.title,
        description: v.video_description,
        durationSec: v.duration,
        coverImageUrl: v.cover_image_url,
        shareUrl: v.share_url,
        createdAt: v.create_time === undefined ? undefined : new Date(v.create_time * 1000).toISOString(),
      })),
      nextCursor: has_more ? cursor : undefined,
    };
  },
});
