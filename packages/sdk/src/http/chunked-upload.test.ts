import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ConnectorError } from '../errors.ts';
import { type FakeUploadServer, startFakeUploadServer } from '../testing/fake-upload-server.ts';
import { chunkedUpload, type ProcessingState, type Segment } from './chunked-upload.ts';
import { createHttpClient } from './client.ts';
import { DEFAULT_RETRY } from './retry.ts';
import type { HttpClient } from './types.ts';

let server: FakeUploadServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const media = z.object({
  data: z.object({ id: z.string(), processing_info: z.object({ state: z.string(), check_after_secs: z.number().optional() }).optional() }),
});
type Media = z.infer<typeof media>;

function xLike(http: HttpClient, source: Uint8Array, options: { tries?: number } = {}) {
  return chunkedUpload(
    { http },
    {
      body: source,
      size: source.byteLength,
      chunkSize: 512 * 1024,
      retryDelayMs: 1,
      pollIntervalMs: 1,
      ...options,
      init: async () =>
        (
          await http.post('/2/media/upload/initialize', {
            json: { media_type: 'video/mp4', total_bytes: source.byteLength },
            schema: media,
          })
        ).data.data.id,
      append: async (id: string, segment: Segment) => {
        const form = new FormData();
        form.append('segment_index', String(segment.index));
        form.append('media', new Blob([segment.bytes]));
        await http.post(`/2/media/upload/${id}/append`, { multipart: form });
      },
      finalize: async (id: string) => (await http.post(`/2/media/upload/${id}/finalize`, { schema: media })).data,
      status: async (id: string): Promise<ProcessingState<Media>> => {
        const found = (await http.get('/2/media/upload', { query: { command: 'STATUS', media_id: id }, schema: media })).data;
        const state = found.data.processing_info?.state;
        if (state === 'succeeded') return { state: 'succeeded', result: found };
        if (state === 'failed') return { state: 'failed', message: 'processing failed' };
        return { state: 'pending', checkAfterMs: (found.data.processing_info?.check_after_secs ?? 0) * 1000 };
      },
    },
  );
}

function client(url: string) {
  return createHttpClient({
    baseUrls: [url],
    refreshable: false,
    signal: new AbortController().signal,
    retry: { ...DEFAULT_RETRY, sleep: async () => {} },
  });
}

describe('chunkedUpload', () => {
  it('appends each segment, sends only a failed one again, finalizes and polls until processed', async () => {
    server = await startFakeUploadServer({ faults: [undefined, 'drop', 503], pendingPolls: 2 });
    const source = randomBytes(1_300_000);
    const done = await xLike(client(server.url), source);
    expect(done.data.processing_info?.state).toBe('succeeded');
    const upload = server.uploads.get(done.data.id);
    expect(server.bytesOf(done.data.id).equals(source)).toBe(true);
    // Segment 0 went once; segment 1 failed twice and went again; segment 2 once.
    expect(upload?.received.map((r) => [r.start, r.fault])).toEqual([
      [0, undefined],
      [-1, 'drop'],
      [-1, 503],
      [1, undefined],
      [2, undefined],
    ]);
    expect(upload?.statusQueries).toBe(3);
  });

  it('gives up with UPLOAD_INCOMPLETE when a segment keeps failing', async () => {
    server = await startFakeUploadServer({ faults: [503, 503] });
    const failure = await xLike(client(server.url), randomBytes(1000), { tries: 2 }).catch((e: unknown) => e);
    expect((failure as ConnectorError).code).toBe('UPLOAD_INCOMPLETE');
    expect((failure as ConnectorError).message).toContain('at segment 0');
  });
});
