/**
 * @module What an upload reads from, cut into fixed-size pieces. Bytes are sliced, a Blob is read
 * one slice at a time, a stream is gathered into one piece at a time: at most one piece is held,
 * so a 2 GiB video never sits in memory whole.
 */
import type { Readable } from 'node:stream';
import { ConnectorError } from '../errors.ts';

/** Media for `resumableUpload` and `chunkedUpload`. */
export type UploadSource = Uint8Array | Blob | ReadableStream<Uint8Array> | Readable | AsyncIterable<Uint8Array>;

/** One piece of the source and where it starts. */
export interface Piece {
  offset: number;
  bytes: Uint8Array;
}

/** A stream's chunk as bytes (Node streams without an encoding yield Buffers, which are Uint8Arrays). */
export function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  throw new ConnectorError('CONNECTOR_FAILURE', 'An upload stream must yield bytes (Uint8Array)');
}

function joined(parts: readonly Uint8Array[], length: number): Uint8Array {
  const all = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.byteLength;
  }
  return all;
}

async function* streamPieces(stream: AsyncIterable<unknown>, size: number): AsyncGenerator<Uint8Array> {
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  const take = (): Uint8Array => {
    // One held part (a source chunk larger than a piece) is cut without copying the rest again.
    const all = held.length === 1 && held[0] ? held[0] : joined(held, heldBytes);
    const piece = all.subarray(0, Math.min(size, heldBytes));
    const rest = all.subarray(piece.byteLength);
    held = rest.byteLength > 0 ? [rest] : [];
    heldBytes = rest.byteLength;
    return piece;
  };
  for await (const chunk of stream) {
    const bytes = toBytes(chunk);
    held.push(bytes);
    heldBytes += bytes.byteLength;
    while (heldBytes >= size) yield take();
  }
  if (heldBytes > 0) yield take();
}

async function* rawPieces(source: UploadSource, size: number): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let at = 0; at < source.byteLength; at += size) yield source.subarray(at, at + size);
  } else if (source instanceof Blob) {
    for (let at = 0; at < source.size; at += size) yield new Uint8Array(await source.slice(at, at + size).arrayBuffer());
  } else yield* streamPieces(source, size);
}

/**
 * The source in pieces of `size` bytes (the last may be shorter), each with its offset. Fails
 * with CONNECTOR_FAILURE when the source is longer or shorter than the `total` the upload declared.
 */
export async function* pieces(source: UploadSource, size: number, total: number): AsyncGenerator<Piece> {
  let offset = 0;
  for await (const bytes of rawPieces(source, size)) {
    if (offset + bytes.byteLength > total)
      throw new ConnectorError('CONNECTOR_FAILURE', `The upload source is longer than the declared size (${total} bytes)`);
    yield { offset, bytes };
    offset += bytes.byteLength;
  }
  if (offset !== total) throw new ConnectorError('CONNECTOR_FAILURE', `The upload source ended at ${offset} bytes; ${total} were declared`);
}
