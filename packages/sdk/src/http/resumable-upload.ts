/**
 * @module Google's resumable upload protocol (YouTube, Drive, Cloud Storage, Gmail): a POST opens
 * a session and answers its URI in `Location`; the bytes go in PUTs of whole 256 KiB multiples
 * with `Content-Range`; `308 Resume Incomplete` with `Range` says how much the provider holds.
 * After a dropped connection, a timeout or a 5xx the session is asked where it stands
 * (`Content-Range: bytes *\/<total>`) and the upload goes on from the next byte: no byte the
 * provider confirmed is sent twice, and nothing restarts from byte 0 while the session lives.
 * A 404 or 410 means the session is gone: that fails with UPLOAD_INCOMPLETE.
 */
import type { z } from 'zod';
import { ConnectorError } from '../errors.ts';
import { validateResponse } from './response-schema.ts';
import type { HttpRequest, HttpResponse, ResponseOf } from './types.ts';
import { recoverable, type UploadContext, UploadRetries, type UploadRetryOptions } from './upload-retry.ts';
import { type Piece, pieces, type UploadSource } from './upload-source.ts';

/** Google's chunk granularity: every PUT but the last carries a multiple of it. */
export const RESUMABLE_CHUNK_UNIT = 256 * 1024;

export interface ResumableUploadOptions extends UploadRetryOptions {
  /** Opens the session: `POST …?uploadType=resumable` with the metadata as `json` (POST unless it says otherwise). */
  start: HttpRequest;
  body: UploadSource;
  /** The media's length in bytes (`X-Upload-Content-Length`). */
  size: number;
  /** The media's type (`X-Upload-Content-Type`, and each PUT's `content-type`). */
  contentType: string;
  /** Bytes per PUT, a multiple of 256 KiB (default 8 MiB); one piece of this size is held in memory. */
  chunkSize?: number;
  /** Per PUT, separate from the action's timeout (default 60 s): a PUT that times out is resumed. */
  chunkTimeoutMs?: number;
  /** Validates the provider's final answer (the created resource). */
  schema?: z.ZodType;
}

function confirmedBytes(range: string | undefined): number {
  if (range === undefined) return 0;
  const match = /^bytes=0-(\d+)$/.exec(range.trim());
  if (!match) throw new ConnectorError('UPSTREAM_CONTRACT', 'The upload session answered an unreadable Range header', { status: 308 });
  return Number(match[1]) + 1;
}

function sessionUrl(location: string | undefined, start: HttpRequest): string {
  if (!location) throw new ConnectorError('UPSTREAM_CONTRACT', 'The provider opened no upload session (no Location header)');
  try {
    return new URL(location, /^https?:\/\//i.test(start.path) ? start.path : undefined).href;
  } catch {
    throw new ConnectorError('UPSTREAM_CONTRACT', 'The upload session URI is not an absolute URL');
  }
}

const expired = (error: ConnectorError) =>
  new ConnectorError('UPLOAD_INCOMPLETE', 'The upload session expired or was cancelled by the provider', {
    status: error.status,
    requestSent: true,
    cause: error,
  });

/**
 * Uploads `body` through a resumable session and returns the provider's final answer. The
 * session URI is a credential of its own (anyone holding it may upload), so it is never logged;
 * it must lie on one of the connector's base URLs like any request.
 *
 * @example
 * const video = await resumableUpload(ctx, {
 *   start: { path: '/upload/youtube/v3/videos', query: { uploadType: 'resumable', part: 'snippet,status' }, json: metadata },
 *   body: input.file, size: input.size, contentType: 'video/mp4', schema: videoSchema,
 * });
 */
export async function resumableUpload<O extends ResumableUploadOptions>(
  ctx: UploadContext,
  options: O,
): Promise<HttpResponse<ResponseOf<unknown, O>>> {
  const { size, contentType } = options;
  const chunkSize = options.chunkSize ?? 32 * RESUMABLE_CHUNK_UNIT;
  if (!Number.isSafeInteger(size) || size < 0) throw new ConnectorError('CONNECTOR_FAILURE', 'resumableUpload: size must be a byte count');
  if (chunkSize <= 0 || chunkSize % RESUMABLE_CHUNK_UNIT !== 0)
    throw new ConnectorError('CONNECTOR_FAILURE', `resumableUpload: chunkSize must be a multiple of ${RESUMABLE_CHUNK_UNIT} bytes`);
  const opened = await ctx.http.request({
    method: 'POST',
    ...options.start,
    headers: { ...options.start.headers, 'x-upload-content-type': contentType, 'x-upload-content-length': String(size) },
  });
  const session = sessionUrl(opened.headers.location, options.start);
  const put = (range: string, bytes: Uint8Array) =>
    ctx.http.request({
      method: 'PUT',
      path: session,
      headers: { 'content-range': range, 'content-type': contentType },
      body: bytes,
      redirect: 'manual',
      // Retried by the client only where the provider cannot have taken the bytes; the rest resumes here.
      idempotent: false,
      timeoutMs: options.chunkTimeoutMs ?? 60_000,
    });
  const retries = new UploadRetries(options, ctx.signal);
  const source = pieces(options.body, chunkSize, size);
  let piece: Piece | undefined;
  let confirmed = 0;
  let askStatus = false;
  for (;;) {
    let answer: HttpResponse;
    const before = confirmed;
    try {
      if (askStatus || size === 0) answer = await put(`bytes */${size}`, new Uint8Array(0));
      else {
        while (!piece || confirmed >= piece.offset + piece.bytes.byteLength) {
          const next = await source.next();
          if (next.done) throw new ConnectorError('UPSTREAM_CONTRACT', 'The provider confirmed every byte but sent no final answer');
          piece = next.value;
        }
        if (confirmed < piece.offset)
          throw new ConnectorError('UPLOAD_INCOMPLETE', `The provider lost bytes it had confirmed (it holds ${confirmed})`);
        const part = piece.bytes.subarray(confirmed - piece.offset);
        answer = await put(`bytes ${confirmed}-${confirmed + part.byteLength - 1}/${size}`, part);
      }
    } catch (error) {
      if (error instanceof ConnectorError && error.code === 'NOT_FOUND') throw expired(error);
      if (!recoverable(error)) throw error;
      ctx.log?.warn('upload interrupted; asking the session where it stands', {
        confirmedBytes: confirmed,
        totalBytes: size,
        code: error.code,
        status: error.status,
      });
      await retries.failed(error, `at byte ${confirmed} of ${size}`);
      askStatus = true;
      continue;
    }
    if (answer.status !== 308) {
      if (answer.status >= 300) throw new ConnectorError('UPSTREAM_CONTRACT', `The upload session answered ${answer.status}`);
      ctx.log?.info('upload complete', { totalBytes: size });
      const data = options.schema ? validateResponse(options.schema, answer.data, answer.status) : answer.data;
      return { ...answer, data } as HttpResponse<ResponseOf<unknown, O>>;
    }
    confirmed = confirmedBytes(answer.headers.range);
    if (confirmed > before) {
      retries.progress();
      ctx.log?.info('upload progress', { confirmedBytes: confirmed, totalBytes: size });
    } else if (!askStatus)
      await retries.failed(new ConnectorError('UPSTREAM', 'The provider took none of the chunk'), `at byte ${confirmed}`);
    askStatus = false;
  }
}
