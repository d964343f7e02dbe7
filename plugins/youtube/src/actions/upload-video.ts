import { ConnectorError, defineAction, resumableUpload } from '@patchbay/sdk';
import { z } from 'zod';
import { SCOPES, snippetInput, statusInput, summarize, videoResource, videoSummary } from '../schemas.ts';

/** Google's chunk unit is 256 KiB; 8 MiB per PUT holds one chunk in memory and keeps retries short. */
const CHUNK_SIZE = 32 * 256 * 1024;

/**
 * Reference: https://developers.google.com/youtube/v3/docs/videos/insert and the resumable
 * protocol https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol.
 * The session is opened with the metadata, the bytes go in 8 MiB PUTs, and after a dropped
 * connection, a timeout or a 5xx the upload asks the session how much it holds (308 + Range) and
 * goes on from there: never from byte 0. Videos uploaded by an unaudited API project stay private.
 */
export const uploadVideo = defineAction({
  description: 'Upload a video to the connected channel (resumable), with its title, description, tags, category and privacy',
  scopes: [SCOPES.upload],
  input: z.object({
    snippet: snippetInput,
    status: statusInput,
    contentType: z
      .string()
      .regex(/^(video\/[\w.+-]+|application\/octet-stream)$/, 'a video MIME type like video/mp4')
      .default('video/mp4'),
    videoBase64: z.base64().min(1).describe('The video file, base64'),
    notifySubscribers: z.boolean().optional().describe('Default true; false for bulk uploads'),
  }),
  output: videoSummary,
  // Each PUT has its own timeout and is resumed when it times out; this bounds the whole upload.
  timeoutMs: 15 * 60_000,
  run: async (input, ctx) => {
    if (input.status.publishAt && input.status.privacyStatus !== 'private')
      throw new ConnectorError('INVALID_INPUT', 'publishAt needs privacyStatus "private"', { path: 'status.privacyStatus' });
    const media = new Blob([Buffer.from(input.videoBase64, 'base64')], { type: input.contentType });
    const res = await resumableUpload(ctx, {
      start: {
        path: '/upload/youtube/v3/videos',
        query: {
          uploadType: 'resumable',
          part: 'snippet,status',
          ...(input.notifySubscribers === undefined ? {} : { notifySubscribers: String(input.notifySubscribers) }),
        },
        json: { snippet: input.snippet, status: input.status },
      },
      body: media,
      size: media.size,
      contentType: input.contentType,
      chunkSize: CHUNK_SIZE,
      chunkTimeoutMs: 120_000,
      schema: videoResource,
    });
    return summarize(res.data);
  },
});
