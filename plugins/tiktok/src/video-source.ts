/**
 * @module Sending a video to TikTok: PULL_FROM_URL hands TikTok a URL, FILE_UPLOAD opens an upload
 * and PUTs the bytes to `upload_url` in chunks with `Content-Range`
 * (https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide). Chunk rules:
 * each chunk 5-64 MB, except the last, which takes the trailing bytes (up to 128 MB);
 * total_chunk_count = floor(video_size / chunk_size); under 5 MB the whole video is one chunk;
 * at most 1000 chunks, sent in order.
 */
import { type ActionContext, ConnectorError, chunkedUpload } from '@patchbay/sdk';
import { z } from 'zod';
import { envelope, type videoSource } from './schemas.ts';

const MB = 1024 * 1024;
export const MIN_CHUNK = 5 * MB;
export const MAX_CHUNK = 64 * MB;
const MAX_CHUNKS = 1000;
const PREFERRED_CHUNK = 10 * MB;

export interface ChunkPlan {
  chunkSize: number;
  totalChunkCount: number;
}

/** chunk_size and total_chunk_count for a video of `size` bytes, by TikTok's rules. */
export function chunkPlan(size: number, preferred = PREFERRED_CHUNK): ChunkPlan {
  if (size <= 0) throw new ConnectorError('INVALID_INPUT', 'The video is empty', { path: 'source.video' });
  const wanted = Math.min(Math.max(preferred, MIN_CHUNK), MAX_CHUNK);
  if (size <= wanted) return { chunkSize: size, totalChunkCount: 1 };
  // Enough bytes per chunk that the count stays within 1000; the last chunk may then be up to twice as big.
  const chunkSize = Math.max(wanted, Math.ceil(size / MAX_CHUNKS));
  if (chunkSize > MAX_CHUNK)
    throw new ConnectorError('INVALID_INPUT', `The video is too large for TikTok's file upload (${size} bytes)`, { path: 'source.video' });
  return { chunkSize, totalChunkCount: Math.floor(size / chunkSize) };
}

const initAnswer = envelope(z.object({ publish_id: z.string(), upload_url: z.url().optional() }));

type Source = z.output<typeof videoSource>;

/** What the init endpoint gets as `source_info`, and for a file, the bytes and their plan. */
function sourceInfo(source: Source) {
  if (source.source === 'PULL_FROM_URL') return { info: { source: 'PULL_FROM_URL', video_url: source.videoUrl } } as const;
  const bytes = Buffer.from(source.video, 'base64');
  const plan = chunkPlan(bytes.byteLength);
  const info = { source: 'FILE_UPLOAD', video_size: bytes.byteLength, chunk_size: plan.chunkSize, total_chunk_count: plan.totalChunkCount };
  return { info, file: { bytes, plan, contentType: source.contentType } } as const;
}

/**
 * POSTs the init request (`initPath`, with `body` plus `source_info`) and, for FILE_UPLOAD, sends
 * the chunks; returns the publish id. A chunk that fails is sent again, never the ones before it.
 */
export async function sendVideo(ctx: ActionContext, initPath: string, body: Record<string, unknown>, source: Source): Promise<string> {
  const { info, file } = sourceInfo(source);
  const init = async () => (await ctx.http.post(initPath, { json: { ...body, source_info: info }, schema: initAnswer })).data.data;
  if (!file) return (await init()).publish_id;
  const { bytes, plan, contentType } = file;
  let held: Uint8Array | undefined;
  return chunkedUpload(ctx, {
    body: bytes,
    size: bytes.byteLength,
    chunkSize: plan.chunkSize,
    init: async () => {
      const opened = await init();
      if (!opened.upload_url) throw new ConnectorError('UPSTREAM_CONTRACT', 'TikTok opened a FILE_UPLOAD without an upload_url');
      return { publishId: opened.publish_id, uploadUrl: opened.upload_url };
    },
    append: async (session, segment) => {
      const last = plan.totalChunkCount - 1;
      const trailing = bytes.byteLength - plan.totalChunkCount * plan.chunkSize;
      // The trailing bytes belong to the last chunk: hold that chunk until they arrive as the next segment.
      if (segment.index === last && trailing > 0) {
        held = segment.bytes;
        return;
      }
      const chunk = segment.index > last && held ? Buffer.concat([held, segment.bytes]) : segment.bytes;
      const first = segment.index > last ? last * plan.chunkSize : segment.offset;
      await ctx.http.put(session.uploadUrl, {
        body: chunk,
        headers: { 'content-type': contentType, 'content-range': `bytes ${first}-${first + chunk.byteLength - 1}/${bytes.byteLength}` },
        timeoutMs: 120_000,
      });
    },
    finalize: async (session) => session.publishId,
  });
}
