import { ConnectorError, defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { SCOPES, thumbnail, videoId } from '../schemas.ts';

/** YouTube's limit for custom thumbnails. */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Reference: https://developers.google.com/youtube/v3/docs/thumbnails/set (media upload, JPEG or
 * PNG, at most 2 MB). Custom thumbnails need a verified channel: otherwise YouTube answers 403.
 */
export const setThumbnail = defineAction({
  description: 'Set a custom thumbnail (JPEG or PNG, at most 2 MB) on a video',
  scopes: [SCOPES.upload],
  input: z.object({
    videoId,
    contentType: z.enum(['image/jpeg', 'image/png']),
    imageBase64: z.base64().min(1).describe('The image file, base64'),
  }),
  output: z.object({ thumbnails: z.record(z.string(), thumbnail) }),
  run: async (input, ctx) => {
    const bytes = new Uint8Array(Buffer.from(input.imageBase64, 'base64'));
    if (bytes.byteLength > MAX_BYTES)
      throw new ConnectorError('INVALID_INPUT', `The image is ${bytes.byteLength} bytes; YouTube takes at most 2 MB`, {
        path: 'imageBase64',
      });
    const res = await ctx.http.post('/upload/youtube/v3/thumbnails/set', {
      query: { videoId: input.videoId, uploadType: 'media' },
      body: bytes,
      headers: { 'content-type': input.contentType },
      // Setting the same image again has the same effect, so a resend is harmless.
      idempotent: true,
      schema: z.object({ items: z.array(z.record(z.string(), thumbnail)).min(1) }),
    });
    return { thumbnails: res.data.items[0] ?? {} };
  },
});
