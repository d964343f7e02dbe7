/**
 * @module Chunked uploads in the INIT / APPEND / FINALIZE / STATUS shape (X media, TikTok
 * `FILE_UPLOAD`, LinkedIn multi-part video): the connector says how each step is sent, the helper
 * cuts the media, repeats a failed segment (an APPEND names its index, so sending it again
 * replaces it; earlier segments are never sent again), and polls the status after FINALIZE until
 * the provider has processed the media.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { ConnectorError } from '../errors.ts';
import { type UploadContext, UploadRetries, type UploadRetryOptions } from './upload-retry.ts';
import { pieces, type UploadSource } from './upload-source.ts';

/** One segment for `append`: its index from 0, where it starts, and its bytes. */
export interface Segment {
  index: number;
  offset: number;
  bytes: Uint8Array;
}

/** What a status check found: still processing (check again), done, or failed. */
export type ProcessingState<R> =
  | { state: 'pending'; checkAfterMs?: number | undefined }
  | { state: 'succeeded'; result: R }
  | { state: 'failed'; message: string; providerCode?: string | undefined };

export interface ChunkedUploadOptions<S, R> extends UploadRetryOptions {
  body: UploadSource;
  /** The media's length in bytes. */
  size: number;
  /** Bytes per segment (X accepts up to 5 MB per APPEND); one segment is held in memory. */
  chunkSize: number;
  /** INIT: opens the upload and returns what later steps need (the media id). */
  init: () => Promise<S>;
  /** APPEND: sends one segment. Called again with the same segment after a recoverable failure. */
  append: (session: S, segment: Segment) => Promise<void>;
  /** FINALIZE: closes the upload; its result is the answer unless `status` is given. */
  finalize: (session: S) => Promise<R>;
  /** STATUS: polled after FINALIZE until it is no longer pending. */
  status?: (session: S, finalized: R) => Promise<ProcessingState<R>>;
  /** Between status checks when the provider names no wait (default 2 s). */
  pollIntervalMs?: number;
  /** Status checks before giving up with TIMEOUT (default 60). */
  maxPolls?: number;
}

async function appendAll<S, R>(ctx: UploadContext, options: ChunkedUploadOptions<S, R>, session: S): Promise<void> {
  const retries = new UploadRetries(options, ctx.signal);
  let index = 0;
  for await (const piece of pieces(options.body, options.chunkSize, options.size)) {
    for (;;) {
      try {
        await options.append(session, { index, offset: piece.offset, bytes: piece.bytes });
        break;
      } catch (error) {
        await retries.failed(error, `at segment ${index}`);
        ctx.log?.warn('segment failed; sending it again', { segment: index });
      }
    }
    retries.progress();
    index += 1;
    ctx.log?.info('upload progress', { sentBytes: piece.offset + piece.bytes.byteLength, totalBytes: options.size });
  }
}

async function awaitProcessing<S, R>(ctx: UploadContext, options: ChunkedUploadOptions<S, R>, session: S, finalized: R): Promise<R> {
  const status = options.status;
  if (!status) return finalized;
  const maxPolls = options.maxPolls ?? 60;
  for (let poll = 0; poll < maxPolls; poll++) {
    const found = await status(session, finalized);
    if (found.state === 'succeeded') return found.result;
    if (found.state === 'failed')
      throw new ConnectorError('UPSTREAM', `The provider could not process the upload: ${found.message}`, {
        providerCode: found.providerCode,
      });
    await sleepFor(found.checkAfterMs ?? options.pollIntervalMs ?? 2_000, undefined, ctx.signal ? { signal: ctx.signal } : {});
  }
  throw new ConnectorError('TIMEOUT', `The provider was still processing the upload after ${maxPolls} status checks`);
}

/**
 * Runs INIT, one APPEND per segment, FINALIZE, then STATUS until done, and returns the result.
 *
 * @example
 * const media = await chunkedUpload(ctx, {
 *   body: input.video, size: input.size, chunkSize: 4 * 1024 * 1024,
 *   init: async () => (await ctx.http.post('/2/media/upload/initialize', { json: { media_type: 'video/mp4', total_bytes: input.size }, schema: initSchema })).data.data.id,
 *   append: async (id, segment) => { await ctx.http.post(`/2/media/upload/${id}/append`, { multipart: segmentForm(segment) }) },
 *   finalize: async (id) => (await ctx.http.post(`/2/media/upload/${id}/finalize`, { schema: mediaSchema })).data,
 *   status: async (id) => processingOf((await ctx.http.get('/2/media/upload', { query: { command: 'STATUS', media_id: id }, schema: mediaSchema })).data),
 * });
 */
export async function chunkedUpload<S, R>(ctx: UploadContext, options: ChunkedUploadOptions<S, R>): Promise<R> {
  if (!Number.isSafeInteger(options.chunkSize) || options.chunkSize <= 0)
    throw new ConnectorError('CONNECTOR_FAILURE', 'chunkedUpload: chunkSize must be a positive byte count');
  const session = await options.init();
  await appendAll(ctx, options, session);
  const finalized = await options.finalize(session);
  return awaitProcessing(ctx, options, session, finalized);
}
