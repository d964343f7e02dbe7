import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { x } from './index.ts';

let h: Harness<typeof x>;
afterEach(() => h.close());

const MB = 1024 * 1024;
const ID = '1880028106020515841';
// 4 MiB segments: one full segment and a 10-byte tail.
const video = Buffer.alloc(4 * MB + 10, 7);

function segmentIndexOf(body: string | undefined): string | undefined {
  return /name="segment_index"\r\n\r\n(\d+)/.exec(body ?? '')?.[1];
}

describe('X uploadMedia, chunked (video and GIF)', () => {
  it('initializes, appends each segment once, finalizes and polls STATUS until succeeded', async () => {
    h = createTestHarness(x, { credentials: { accessToken: 'x-token' } });
    h.on('POST', '/2/media/upload/initialize').reply(200, { data: { id: ID, media_key: `7_${ID}`, expires_after_secs: 86400 } });
    h.on('POST', `/2/media/upload/${ID}/append`)
      .reply(200, { data: { expires_at: 1 } })
      .reply(200, { data: { expires_at: 1 } });
    h.on('POST', `/2/media/upload/${ID}/finalize`).reply(200, {
      data: { id: ID, media_key: `7_${ID}`, size: video.byteLength, processing_info: { state: 'pending', check_after_secs: 1 } },
    });
    h.on('GET', `/2/media/upload?command=STATUS&media_id=${ID}`)
      .reply(200, { data: { id: ID, processing_info: { state: 'in_progress', check_after_secs: 2, progress_percent: 40 } } })
      .reply(200, {
        data: { id: ID, media_key: `7_${ID}`, expires_after_secs: 86000, processing_info: { state: 'succeeded', progress_percent: 100 } },
      });

    const out = await h.run('uploadMedia', { media: video.toString('base64'), mediaType: 'video/mp4' });
    expect(out).toEqual({ mediaId: ID, mediaKey: `7_${ID}`, expiresAfterSecs: 86000 });
    expect(h.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /2/media/upload/initialize',
      `POST /2/media/upload/${ID}/append`,
      `POST /2/media/upload/${ID}/append`,
      `POST /2/media/upload/${ID}/finalize`,
      'GET /2/media/upload',
      'GET /2/media/upload',
    ]);
    expect(h.requests[0]?.json()).toEqual({ media_type: 'video/mp4', total_bytes: video.byteLength, media_category: 'tweet_video' });
    expect(h.requests.slice(1, 3).map((r) => segmentIndexOf(r.body))).toEqual(['0', '1']);
  });

  it('sends a GIF as tweet_gif and takes a finalize without processing_info as done', async () => {
    h = createTestHarness(x, { credentials: { accessToken: 'x-token' } });
    const gif = Buffer.from('GIF89a tiny');
    h.on('POST', '/2/media/upload/initialize').reply(200, { data: { id: ID } });
    h.on('POST', `/2/media/upload/${ID}/append`).reply(200, {});
    h.on('POST', `/2/media/upload/${ID}/finalize`).reply(200, { data: { id: ID, media_key: `16_${ID}`, expires_after_secs: 86400 } });
    expect(await h.run('uploadMedia', { media: gif.toString('base64'), mediaType: 'image/gif' })).toEqual({
      mediaId: ID,
      mediaKey: `16_${ID}`,
      expiresAfterSecs: 86400,
    });
    expect(h.requests[0]?.json()).toMatchObject({ media_category: 'tweet_gif', total_bytes: gif.byteLength });
    expect(h.requests).toHaveLength(3);
  });

  it('sends a failed segment again, and only that one', async () => {
    h = createTestHarness(x, { credentials: { accessToken: 'x-token' } });
    h.on('POST', '/2/media/upload/initialize').reply(200, { data: { id: ID } });
    h.on('POST', `/2/media/upload/${ID}/append`).reply(200, {}).reply(503, {}).reply(200, {});
    h.on('POST', `/2/media/upload/${ID}/finalize`).reply(200, { data: { id: ID } });
    await h.run('uploadMedia', { media: video.toString('base64'), mediaType: 'video/mp4' });
    const appends = h.requests.filter((r) => r.url.endsWith('/append')).map((r) => segmentIndexOf(r.body));
    expect(appends).toEqual(['0', '1', '1']);
  });

  it("reports X's processing failure as UPSTREAM with its reason", async () => {
    h = createTestHarness(x, { credentials: { accessToken: 'x-token' } });
    h.on('POST', '/2/media/upload/initialize').reply(200, { data: { id: ID } });
    h.on('POST', `/2/media/upload/${ID}/append`).reply(200, {});
    h.on('POST', `/2/media/upload/${ID}/finalize`).reply(200, {
      data: { id: ID, processing_info: { state: 'failed', error: { code: 1, name: 'InvalidMedia', message: 'Unsupported video format' } } },
    });
    const error = await connectorFailure(
      h.run('uploadMedia', { media: Buffer.from('not a video').toString('base64'), mediaType: 'video/mp4' }),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM', providerCode: 'InvalidMedia' });
    expect(error.message).toContain('Unsupported video format');
  });

  it('refuses an image over 5 MB before any request', async () => {
    h = createTestHarness(x, { credentials: { accessToken: 'x-token' } });
    const big = Buffer.alloc(5 * MB + 1).toString('base64');
    expect(await connectorFailure(h.run('uploadMedia', { media: big, mediaType: 'image/jpeg' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'media',
    });
    expect(h.requests).toHaveLength(0);
  });
});
