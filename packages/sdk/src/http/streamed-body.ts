/**
 * @module Request bodies that are read once: a web ReadableStream, a Node Readable or any async
 * iterable of bytes goes to undici as an async iterable that notes when its first byte was
 * pulled. Until then the request can be sent again (nothing of it left); after that only the
 * caller could produce the bytes again, so the http client must not retry it.
 */
import { Readable } from 'node:stream';
import { ConnectorError } from '../errors.ts';
import type { RequestBody } from './types.ts';
import { toBytes } from './upload-source.ts';

export interface OnceBody {
  /**
   * What undici sends, made anew per attempt: undici destroys a stream body when a request fails,
   * even one it never read, and an unread stream may still go out on the next attempt.
   */
  body(): Readable;
  /** True once undici pulled from the stream: the request cannot be sent again. */
  consumed(): boolean;
}

/** True for a body that can only be read once (bytes, strings and Blobs can be re-read). */
export function isStreamBody(body: RequestBody | undefined): body is Exclude<RequestBody, string | Uint8Array | Blob> {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array || body instanceof Blob) return false;
  return typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function';
}

/** Wraps a stream body so the client knows whether it was read. */
export function onceBody(stream: AsyncIterable<unknown>): OnceBody {
  let source: AsyncIterator<unknown> | undefined;
  let pulled = false;
  // Pulls by hand from one shared iterator: a `for await` per attempt would open (and, when
  // undici destroys the attempt's stream, close) the source each time.
  async function* attempt(): AsyncGenerator<Uint8Array> {
    source ??= stream[Symbol.asyncIterator]();
    for (;;) {
      const next = await source.next();
      pulled = true;
      if (next.done) return;
      yield toBytes(next.value);
    }
  }
  // Readable.from pulls only once undici reads the body, after the connection is up.
  return { body: () => Readable.from(attempt(), { objectMode: false }), consumed: () => pulled };
}

/** The error for a request that should have been retried but whose stream was already read. */
export function notReplayable(failure: ConnectorError): ConnectorError {
  return new ConnectorError(
    'UPLOAD_INCOMPLETE',
    `${failure.message}; not sent again, because its streamed body was already read (send bytes or use resumableUpload to retry)`,
    { status: failure.status, retryAfterMs: failure.retryAfterMs, providerCode: failure.providerCode, requestSent: true, cause: failure },
  );
}
