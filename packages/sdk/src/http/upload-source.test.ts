import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { pieces, type UploadSource } from './upload-source.ts';

async function collect(source: UploadSource, size: number, total: number) {
  const out: { offset: number; length: number; bytes: Uint8Array }[] = [];
  for await (const piece of pieces(source, size, total))
    out.push({ offset: piece.offset, length: piece.bytes.byteLength, bytes: piece.bytes });
  return out;
}

describe('upload sources in pieces', () => {
  const data = randomBytes(10_000);
  const sources: [string, () => UploadSource][] = [
    ['bytes', () => data],
    ['a Blob', () => new Blob([data])],
    ['a Node stream of odd chunks', () => Readable.from([data.subarray(0, 7), data.subarray(7, 9_000), data.subarray(9_000)])],
    ['a web stream', () => new Blob([data]).stream()],
  ];
  it.each(sources)('cuts %s into equal pieces with their offsets, the last shorter', async (_name, source) => {
    const got = await collect(source(), 4096, data.byteLength);
    expect(got.map((p) => [p.offset, p.length])).toEqual([
      [0, 4096],
      [4096, 4096],
      [8192, 1808],
    ]);
    expect(Buffer.concat(got.map((p) => p.bytes)).equals(data)).toBe(true);
  });

  it('fails when the source is shorter or longer than the size the upload declared', async () => {
    for (const total of [data.byteLength + 1, data.byteLength - 1]) {
      const failure = await collect(data, 4096, total).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConnectorError);
      expect((failure as ConnectorError).code).toBe('CONNECTOR_FAILURE');
    }
  });
});
