/**
 * @module The test connector for large bodies: a YouTube-like resumable video upload (Google's
 * protocol, 1 MiB chunks, a 45 s action timeout) and an X-like chunked media upload (INIT,
 * APPEND with segment_index, FINALIZE, STATUS polling). Actions take JSON, so the media is
 * generated from a seed as a stream, the way an action would read it from a file store.
 */
import { apiKey, chunkedUpload, defineActionFor, defineConnector, type ProcessingState, resumableUpload } from '@patchbay/sdk';
import { z } from 'zod';

const MiB = 1024 * 1024;

/** Deterministic bytes for `seed`, in 64 KiB pieces, produced as they are read. */
export async function* mediaBytes(size: number, seed: number): AsyncGenerator<Uint8Array> {
  let state = seed >>> 0 || 1;
  for (let at = 0; at < size; at += 64 * 1024) {
    const piece = new Uint8Array(Math.min(64 * 1024, size - at));
    for (let i = 0; i < piece.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      piece[i] = state & 0xff;
    }
    yield piece;
  }
}

const auth = apiKey({
  fields: z.object({ apiKey: z.string().min(8) }),
  apply: (credentials, request) => {
    request.headers.authorization = `Bearer ${credentials.apiKey}`;
  },
});
const defineBodiesAction = defineActionFor(auth);

const media = z.object({
  sizeBytes: z
    .number()
    .int()
    .min(1)
    .max(64 * MiB),
  seed: z.number().int(),
  retryDelayMs: z.number().int().min(0).max(5_000).default(10),
});
const video = z.object({ id: z.string(), size: z.number() });
const xMedia = z.object({
  data: z.object({
    id: z.string(),
    size: z.number().optional(),
    processing_info: z.object({ state: z.string(), check_after_secs: z.number().optional() }).optional(),
  }),
});

export function bodiesConnector(uploadsUrl: string, id = 'bodies-video') {
  return defineConnector({
    id,
    name: 'Bodies (uploads)',
    version: '1.0.0',
    description: 'Resumable and chunked uploads against a local fake',
    auth,
    baseUrls: [uploadsUrl],
    actions: {
      uploadVideo: defineBodiesAction({
        description: 'Uploads a video through a resumable session',
        input: media.extend({ title: z.string().min(1) }),
        output: video,
        // An upload outlives the 30 s default; each PUT keeps its own shorter timeout and resumes.
        timeoutMs: 45_000,
        run: async (input, ctx) =>
          (
            await resumableUpload(ctx, {
              start: {
                path: '/upload/youtube/v3/videos',
                query: { uploadType: 'resumable', part: 'snippet,status' },
                json: { snippet: { title: input.title }, status: { privacyStatus: 'private' } },
              },
              body: mediaBytes(input.sizeBytes, input.seed),
              size: input.sizeBytes,
              contentType: 'video/mp4',
              chunkSize: MiB,
              chunkTimeoutMs: 10_000,
              retryDelayMs: input.retryDelayMs,
              schema: video,
            })
          ).data,
      }),
      uploadMedia: defineBodiesAction({
        description: 'Uploads media in segments (INIT, APPEND, FINALIZE, STATUS)',
        input: media,
        output: z.object({ mediaId: z.string(), state: z.string() }),
        timeoutMs: 45_000,
        run: async (input, ctx) => {
          const done = await chunkedUpload(ctx, {
            body: mediaBytes(input.sizeBytes, input.seed),
            size: input.sizeBytes,
            chunkSize: MiB,
            retryDelayMs: input.retryDelayMs,
            pollIntervalMs: 10,
            init: async () =>
              (
                await ctx.http.post('/2/media/upload/initialize', {
                  json: { media_type: 'video/mp4', total_bytes: input.sizeBytes, media_category: 'tweet_video' },
                  schema: xMedia,
                })
              ).data.data.id,
            append: async (mediaId, segment) => {
              const form = new FormData();
              form.append('segment_index', String(segment.index));
              form.append('media', new Blob([segment.bytes]));
              await ctx.http.post(`/2/media/upload/${mediaId}/append`, { multipart: form });
            },
            finalize: async (mediaId) => (await ctx.http.post(`/2/media/upload/${mediaId}/finalize`, { schema: xMedia })).data,
            status: async (mediaId): Promise<ProcessingState<z.infer<typeof xMedia>>> => {
              const found = (await ctx.http.get('/2/media/upload', { query: { command: 'STATUS', media_id: mediaId }, schema: xMedia }))
                .data;
              const info = found.data.processing_info;
              if (info?.state === 'succeeded') return { state: 'succeeded', result: found };
              if (info?.state === 'failed') return { state: 'failed', message: 'the provider could not process the media' };
              return { state: 'pending', checkAfterMs: (info?.check_after_secs ?? 1) * 1000 };
            },
          });
          return { mediaId: done.data.id, state: done.data.processing_info?.state ?? 'unknown' };
        },
      }),
    },
  });
}
