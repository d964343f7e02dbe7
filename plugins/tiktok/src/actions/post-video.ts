import { defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';
import { tiktokAuth } from '../auth.ts';
import { privacyLevel, publishOutput, videoSource } from '../schemas.ts';
import { sendVideo } from '../video-source.ts';

/**
 * Reference: https://developers.tiktok.com/doc/content-posting-api-reference-direct-post
 * Direct Post: POST /v2/post/publish/video/init/ with `post_info` and `source_info`, then for
 * FILE_UPLOAD the chunks PUT to `upload_url`. Publishing goes on at TikTok after this answers;
 * getPublishStatus follows it. An unaudited app may only post SELF_ONLY to a private account.
 */
export const postVideo = defineActionFor(tiktokAuth)({
  description: 'Post a video to the creator’s TikTok profile, pulled from a URL or uploaded in chunks',
  input: z.object({
    title: z.string().max(2_200).default('').describe('The caption, with #hashtags and @mentions'),
    privacyLevel,
    disableComment: z.boolean().default(false),
    disableDuet: z.boolean().default(false),
    disableStitch: z.boolean().default(false),
    videoCoverTimestampMs: z.number().int().nonnegative().optional(),
    brandContentToggle: z.boolean().default(false).describe('Paid partnership promoting a third-party brand'),
    brandOrganicToggle: z.boolean().default(false).describe('Promoting the creator’s own business'),
    isAigc: z.boolean().default(false).describe('Label the video as AI-generated content'),
    source: videoSource,
  }),
  output: publishOutput,
  scopes: ['video.publish'],
  // The whole file goes up in one action; each chunk has its own 120 s timeout.
  timeoutMs: 10 * 60_000,
  run: async (input, ctx) => {
    const postInfo = {
      title: input.title,
      privacy_level: input.privacyLevel,
      disable_comment: input.disableComment,
      disable_duet: input.disableDuet,
      disable_stitch: input.disableStitch,
      video_cover_timestamp_ms: input.videoCoverTimestampMs,
      brand_content_toggle: input.brandContentToggle,
      brand_organic_toggle: input.brandOrganicToggle,
      is_aigc: input.isAigc,
    };
    return { publishId: await sendVideo(ctx, '/post/publish/video/init/', { post_info: postInfo }, input.source) };
  },
});
