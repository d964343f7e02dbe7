import { z } from 'zod';
import { awaitFinished, createContainer, publishContainer, VIDEO_POLL } from '../container.ts';
import { igUserOf, webUrl } from '../graph.ts';
import { defineInstagramAction } from './define.ts';

/**
 * Reference: https://developers.facebook.com/docs/instagram-platform/content-publishing#reels-posts
 * (`media_type=REELS`, `video_url`, `share_to_feed`; poll `status_code` until FINISHED, then publish).
 */
export const publishReel = defineInstagramAction({
  description: 'Publish a reel from a public video URL: creates the container, waits until Meta has processed it, publishes',
  scopes: ['instagram_business_content_publish'],
  // Meta may take minutes to fetch and encode a video.
  timeoutMs: 10 * 60_000,
  input: z.object({
    videoUrl: webUrl.describe('A public https URL of an MP4/MOV video'),
    caption: z.string().max(2200).optional(),
    shareToFeed: z.boolean().default(true),
    coverUrl: webUrl.optional(),
    thumbOffsetMs: z.number().int().min(0).optional(),
  }),
  output: z.object({ id: z.string(), containerId: z.string() }),
  run: async (input, ctx) => {
    const igUser = igUserOf(ctx.connection.metadata);
    const form: Record<string, string> = {
      media_type: 'REELS',
      video_url: input.videoUrl,
      share_to_feed: String(input.shareToFeed),
    };
    if (input.caption !== undefined) form.caption = input.caption;
    if (input.coverUrl !== undefined) form.cover_url = input.coverUrl;
    if (input.thumbOffsetMs !== undefined) form.thumb_offset = String(input.thumbOffsetMs);
    const containerId = await createContainer(ctx, igUser, form);
    await awaitFinished(ctx, containerId, VIDEO_POLL);
    return { id: await publishContainer(ctx, igUser, containerId), containerId };
  },
});
