/**
 * @module The large-bodies code in docs/connector-authoring.md (section 11), verbatim:
 * docs-bodies.test.ts checks each marked block appears here and runs it against the fake upload
 * server; `pnpm check` type-checks it.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { oauth2 } from '../auth/define-auth.ts';
import { defineActionFor, defineConnector } from '../define.ts';
import { chunkedUpload, type ProcessingState } from '../http/chunked-upload.ts';
import { resumableUpload } from '../http/resumable-upload.ts';

const videoAuth = oauth2({
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  scopes: ['https://www.googleapis.com/auth/youtube.upload'],
  refresh: { supported: true },
});
const defineVideoAction = defineActionFor(videoAuth);
const video = z.object({ id: z.string() });

export const uploadVideo = defineVideoAction({
  description: 'Uploads a video (resumable)',
  input: z.object({ title: z.string(), video: z.base64() }),
  output: video,
  timeoutMs: 10 * 60_000, // up to MAX_ACTION_TIMEOUT_MS (15 minutes)
  run: async (input, ctx) => {
    const media = new Blob([Buffer.from(input.video, 'base64')], { type: 'video/mp4' });
    const res = await resumableUpload(ctx, {
      start: {
        path: '/upload/youtube/v3/videos',
        query: { uploadType: 'resumable', part: 'snippet,status' },
        json: { snippet: { title: input.title }, status: { privacyStatus: 'private' } },
      },
      body: media, // bytes, a Blob, a web ReadableStream or a Node Readable
      size: media.size,
      contentType: media.type,
      chunkSize: 8 * 1024 * 1024, // a multiple of 256 KiB
      chunkTimeoutMs: 60_000, // per PUT; a PUT that times out is resumed
      schema: video,
    });
    return res.data; // typed from `schema`
  },
});

const xAuth = oauth2({
  authorizationUrl: 'https://x.com/i/oauth2/authorize',
  tokenUrl: 'https://api.x.com/2/oauth2/token',
  scopes: ['tweet.write', 'media.write', 'offline.access'],
  refresh: { supported: true },
});
const defineXAction = defineActionFor(xAuth);

export const putReport = defineVideoAction({
  description: 'Stores a report, streamed',
  input: z.object({ name: z.string(), rows: z.array(z.string()) }),
  output: z.object({ stored: z.boolean() }),
  run: async (input, ctx) => {
    const size = input.rows.reduce((sum, row) => sum + Buffer.byteLength(`${row}\n`), 0);
    const stream = Readable.from(input.rows.map((row) => Buffer.from(`${row}\n`))); // read as it is sent
    await ctx.http.put(`/files/${encodeURIComponent(input.name)}`, {
      body: stream,
      contentLength: size,
      headers: { 'content-type': 'text/csv' },
      timeoutMs: 120_000, // this request; the action has its own timeoutMs
    });
    return { stored: true };
  },
});

const mediaInfo = z.object({
  data: z.object({ id: z.string(), processing_info: z.object({ state: z.string(), check_after_secs: z.number().optional() }).optional() }),
});
type MediaInfo = z.infer<typeof mediaInfo>;

function processing(info: MediaInfo): ProcessingState<MediaInfo> {
  const state = info.data.processing_info?.state;
  if (state === undefined || state === 'succeeded') return { state: 'succeeded', result: info };
  if (state === 'failed') return { state: 'failed', message: 'X could not process the media' };
  return { state: 'pending', checkAfterMs: (info.data.processing_info?.check_after_secs ?? 1) * 1000 };
}

export const uploadMedia = defineXAction({
  description: 'Uploads media in segments, X style',
  input: z.object({ video: z.base64() }),
  output: z.object({ mediaId: z.string() }),
  timeoutMs: 5 * 60_000,
  run: async (input, ctx) => {
    const bytes = Buffer.from(input.video, 'base64');
    const done = await chunkedUpload(ctx, {
      body: bytes,
      size: bytes.byteLength,
      chunkSize: 4 * 1024 * 1024,
      init: async () => {
        const json = { media_type: 'video/mp4', total_bytes: bytes.byteLength, media_category: 'tweet_video' };
        return (await ctx.http.post('/2/media/upload/initialize', { json, schema: mediaInfo })).data.data.id;
      },
      append: async (id, segment) => {
        const form = new FormData();
        form.append('segment_index', String(segment.index));
        form.append('media', new Blob([segment.bytes]));
        await ctx.http.post(`/2/media/upload/${id}/append`, { multipart: form });
      },
      finalize: async (id) => (await ctx.http.post(`/2/media/upload/${id}/finalize`, { schema: mediaInfo })).data,
      status: async (id) => {
        const query = { command: 'STATUS', media_id: id };
        return processing((await ctx.http.get('/2/media/upload', { query, schema: mediaInfo })).data);
      },
    });
    return { mediaId: done.data.id };
  },
});

export const videoHost = defineConnector({
  id: 'video-host',
  name: 'Video host',
  version: '1.0.0',
  description: 'Resumable video uploads',
  auth: videoAuth,
  baseUrls: ['https://www.googleapis.com'], // the upload host must be here too
  actions: { uploadVideo, putReport },
});

export const xMedia = defineConnector({
  id: 'x-media',
  name: 'X media',
  version: '1.0.0',
  description: 'Chunked media uploads',
  auth: xAuth,
  baseUrls: ['https://api.x.com'],
  actions: { uploadMedia },
});
