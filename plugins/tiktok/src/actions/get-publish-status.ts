import { defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';
import { tiktokAuth } from '../auth.ts';
import { envelope } from '../schemas.ts';

const status = z.object({
  status: z.string(),
  fail_reason: z.string().optional(),
  // TikTok's own spelling.
  publicaly_available_post_id: z.array(z.union([z.string(), z.number()])).optional(),
  uploaded_bytes: z.number().optional(),
  downloaded_bytes: z.number().optional(),
});

/**
 * Reference: https://developers.tiktok.com/doc/content-posting-api-reference-get-video-status
 * POST /v2/post/publish/status/fetch/: PROCESSING_UPLOAD, PROCESSING_DOWNLOAD, SEND_TO_USER_INBOX,
 * PUBLISH_COMPLETE or FAILED (with fail_reason). Post ids appear only for public posts.
 */
export const getPublishStatus = defineActionFor(tiktokAuth)({
  description: 'Where a post started by postVideo, uploadVideoDraft or postPhotos stands',
  input: z.object({ publishId: z.string().min(1) }),
  output: z.object({
    status: z.string(),
    failReason: z.string().optional(),
    postIds: z.array(z.string()),
    uploadedBytes: z.number().optional(),
    downloadedBytes: z.number().optional(),
  }),
  scopes: ['video.publish'],
  idempotent: true,
  run: async (input, ctx) => {
    const res = await ctx.http.post('/post/publish/status/fetch/', {
      json: { publish_id: input.publishId },
      schema: envelope(status),
      idempotent: true,
    });
    const s = res.data.data;
    return {
      status: s.status,
      failReason: s.fail_reason || undefined,
      // Ids are int64: kept as strings so none loses digits.
      postIds: (s.publicaly_available_post_id ?? []).map(String),
      uploadedBytes: s.uploaded_bytes,
      downloadedBytes: s.downloaded_bytes,
    };
  },
});
