import { ConnectorError, chunkedUpload, defineAction, type ProcessingState } from '@patchbay/sdk';
import { z } from 'zod';

/**
 * References: https://docs.x.com/x-api/media/upload-media (images, one multipart POST),
 * https://docs.x.com/x-api/media/initialize-media-upload, .../append-media-upload,
 * .../finalize-media-upload and https://docs.x.com/x-api/mediaupload/media-upload-status
 * (video and GIF: INIT, APPEND per segment, FINALIZE, then STATUS until processed). These are
 * the 2025 v2 paths; v1.1 `upload.twitter.com` and `?command=INIT|APPEND|FINALIZE` are retired.
 */
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/bmp', 'image/tiff'] as const;
const CHUNKED_TYPES = ['image/gif', 'video/mp4', 'video/quicktime'] as const;
const MB = 1024 * 1024;
// X's size limits per kind: 5 MB images, 15 MB GIFs, 512 MB videos.
const LIMIT: Record<string, number> = { 'image/gif': 15 * MB, 'video/mp4': 512 * MB, 'video/quicktime': 512 * MB };

const mediaInfo = z.object({
  data: z.object({
    id: z.string(),
    media_key: z.string().optional(),
    expires_after_secs: z.number().optional(),
    processing_info: z
      .object({
        state: z.string(),
        check_after_secs: z.number().optional(),
        error: z.object({ name: z.string().optional(), message: z.string().optional() }).optional(),
      })
      .optional(),
  }),
});
type MediaInfo = z.infer<typeof mediaInfo>;

/** FINALIZE and STATUS answers: no `processing_info` (images) or `succeeded` mean ready to post. */
export function processingOf(info: MediaInfo): ProcessingState<MediaInfo> {
  const p = info.data.processing_info;
  if (!p || p.state === 'succeeded') return { state: 'succeeded', result: info };
  if (p.state === 'failed')
    return { state: 'failed', message: p.error?.message ?? 'X could not process the media', providerCode: p.error?.name };
  return { state: 'pending', checkAfterMs: (p.check_after_secs ?? 1) * 1000 };
}

export const uploadMedia = defineAction({
  description: 'Upload an image, GIF or video for createPost; returns the media id once X has processed it',
  scopes: ['media.write'],
  timeoutMs: 10 * 60_000,
  input: z.object({
    media: z.base64().describe('The file, base64-encoded'),
    mediaType: z.enum([...IMAGE_TYPES, ...CHUNKED_TYPES]),
  }),
  output: z.object({ mediaId: z.string(), mediaKey: z.string().nullable(), expiresAfterSecs: z.number().nullable() }),
  run: async (input, ctx) => {
    const bytes = Buffer.from(input.media, 'base64');
    const limit = LIMIT[input.mediaType] ?? 5 * MB;
    if (bytes.byteLength === 0 || bytes.byteLength > limit) {
      throw new ConnectorError('INVALID_INPUT', `X takes ${input.mediaType} files of 1 byte to ${limit / MB} MB`, { path: 'media' });
    }
    let info: MediaInfo;
    if ((IMAGE_TYPES as readonly string[]).includes(input.mediaType)) {
      const form = new FormData();
      form.append('media', new Blob([bytes], { type: input.mediaType }));
      // One-shot fields per https://docs.x.com/xdks/typescript/reference/interfaces/Schemas.MediaUploadRequestOneShot
      form.append('media_category', 'tweet_image');
      form.append('media_type', input.mediaType);
      info = (await ctx.http.post('/2/media/upload', { multipart: form, schema: mediaInfo })).data;
    } else {
      const category = input.mediaType === 'image/gif' ? 'tweet_gif' : 'tweet_video';
      info = await chunkedUpload(ctx, {
        body: bytes,
        size: bytes.byteLength,
        chunkSize: 4 * MB,
        init: async () => {
          const json = { media_type: input.mediaType, total_bytes: bytes.byteLength, media_category: category };
          return (await ctx.http.post('/2/media/upload/initialize', { json, schema: mediaInfo })).data.data.id;
        },
        append: async (id, segment) => {
          const form = new FormData();
          form.append('segment_index', String(segment.index));
          form.append('media', new Blob([segment.bytes]));
          await ctx.http.post(`/2/media/upload/${id}/append`, { multipart: form });
        },
        finalize: async (id) => (await ctx.http.post(`/2/media/upload/${id}/finalize`, { schema: mediaInfo })).data,
        status: async (id, finalized) => {
          // FINALIZE may already say done (or failed); ask STATUS only while X is still processing.
          const said = processingOf(finalized);
          if (said.state !== 'pending') return said;
          const query = { command: 'STATUS', media_id: id };
          return processingOf((await ctx.http.get('/2/media/upload', { query, schema: mediaInfo })).data);
        },
      });
    }
    return { mediaId: info.data.id, mediaKey: info.data.media_key ?? null, expiresAfterSecs: info.data.expires_after_secs ?? null };
  },
});
