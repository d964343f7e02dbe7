import { defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';
import { tiktokAuth } from '../auth.ts';
import { publishOutput, videoSource } from '../schemas.ts';
import { sendVideo } from '../video-source.ts';

/**
 * Reference: https://developers.tiktok.com/doc/content-posting-api-reference-upload-video
 * Upload to the creator's inbox (POST /v2/post/publish/inbox/video/init/, scope video.upload):
 * the creator gets a notification and finishes caption and privacy in the TikTok app.
 */
export const uploadVideoDraft = defineActionFor(tiktokAuth)({
  description: 'Send a video to the creator’s TikTok inbox as a draft they finish and post in the app',
  input: z.object({ source: videoSource }),
  output: publishOutput,
  scopes: ['video.upload'],
  timeoutMs: 10 * 60_000,
  run: async (input, ctx) => ({ publishId: await sendVideo(ctx, '/post/publish/inbox/video/init/', {}, input.source) }),
});
