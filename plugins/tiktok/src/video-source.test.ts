import { createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { tiktok } from './index.ts';
import { chunkPlan, MAX_CHUNK, MIN_CHUNK } from './video-source.ts';

const MB = 1024 * 1024;
const UPLOAD = 'https://open-upload.tiktokapis.com/video/?upload_id=1&upload_token=t';

describe('chunkPlan (TikTok media transfer rules)', () => {
  it('sends a video under 5 MB whole', () => {
    expect(chunkPlan(3 * MB)).toEqual({ chunkSize: 3 * MB, totalChunkCount: 1 });
  });

  it('rounds the count down so the last chunk takes the trailing bytes', () => {
    expect(chunkPlan(25 * MB + 7)).toEqual({ chunkSize: 10 * MB, totalChunkCount: 2 });
  });

  it('keeps chunks within 5-64 MB and the count within 1000', () => {
    const plan = chunkPlan(20_000 * MB);
    expect(plan.chunkSize).toBeGreaterThanOrEqual(MIN_CHUNK);
    expect(plan.chunkSize).toBeLessThanOrEqual(MAX_CHUNK);
    expect(plan.totalChunkCount).toBeLessThanOrEqual(1000);
    expect(20_000 * MB - plan.chunkSize * plan.totalChunkCount).toBeLessThan(plan.chunkSize);
  });

  it('refuses a video too large for 1000 chunks of 64 MB', () => {
    expect(() => chunkPlan(1001 * MAX_CHUNK)).toThrow(/too large/);
  });
});

describe('FILE_UPLOAD chunks', () => {
  let h: Harness<typeof tiktok>;
  afterEach(() => h.close());

  it('PUTs chunks in order with Content-Range, the trailing bytes in the last one, and resends only a failed chunk', async () => {
    const size = 25 * MB + 7;
    const video = Buffer.alloc(size, 1);
    h = createTestHarness(tiktok, { credentials: { accessToken: 'act.1' } });
    h.on('POST', '/post/publish/video/init/').reply(200, {
      data: { publish_id: 'v_pub_file~1', upload_url: UPLOAD },
      error: { code: 'ok' },
    });
    h.on('PUT', UPLOAD).reply(206).reply(503).reply(201);
    const out = await h.run('postVideo', {
      privacyLevel: 'SELF_ONLY',
      source: { source: 'FILE_UPLOAD', video: video.toString('base64'), contentType: 'video/mp4' },
    });
    expect(out).toEqual({ publishId: 'v_pub_file~1' });
    expect(h.requests[0]?.json()).toMatchObject({
      source_info: { source: 'FILE_UPLOAD', video_size: size, chunk_size: 10 * MB, total_chunk_count: 2 },
    });
    const puts = h.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.headers['content-range'])).toEqual([
      `bytes 0-${10 * MB - 1}/${size}`,
      `bytes ${10 * MB}-${size - 1}/${size}`,
      `bytes ${10 * MB}-${size - 1}/${size}`,
    ]);
    expect(puts.map((r) => r.body?.length)).toEqual([10 * MB, size - 10 * MB, size - 10 * MB]);
  }, 60_000);
});
