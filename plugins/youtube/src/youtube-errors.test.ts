import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { youtube } from './index.ts';
import { youtubeError } from './youtube-errors.ts';

let h: Harness<typeof youtube>;
const fresh = () => {
  h = createTestHarness(youtube, { credentials: { accessToken: 'ya29.err-test' } });
  return h;
};

const VIDEO = 'dQw4w9WgXcQ';
const VIDEOS = `/youtube/v3/videos?part=snippet%2Cstatistics%2Cstatus&id=${VIDEO}&maxResults=50`;
const googleError = (code: number, reason: string, message = 'failed', location?: string) => ({
  error: {
    code,
    message,
    errors: [{ domain: 'youtube.video', reason, message, ...(location ? { location, locationType: 'parameter' } : {}) }],
  },
});
const HOUR = 3600 * 1000;

describe('YouTube errors', () => {
  afterEach(() => h.close());

  it('maps 401 authError to AUTH_EXPIRED, so the engine refreshes once', async () => {
    fresh()
      .on('GET', VIDEOS)
      .reply(401, googleError(401, 'authError', 'Invalid Credentials'));
    expect(await failure(h.run('getVideos', { ids: [VIDEO] }))).toMatchObject({
      code: 'AUTH_EXPIRED',
      status: 401,
      providerCode: 'authError',
    });
  });

  it('maps a missing scope and a channel-less account to FORBIDDEN_SCOPE', async () => {
    fresh()
      .on('GET', VIDEOS)
      .reply(403, googleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'));
    expect((await failure(h.run('getVideos', { ids: [VIDEO] }))).code).toBe('FORBIDDEN_SCOPE');
    await h.close();
    fresh().on('POST', '/youtube/v3/comments?part=snippet').reply(401, googleError(401, 'youtubeSignupRequired'));
    expect(await failure(h.run('replyToComment', { parentId: 'Ugz', text: 'hi' }))).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
      providerCode: 'youtubeSignupRequired',
    });
  });

  it('maps a missing video and a missing parent comment to NOT_FOUND', async () => {
    fresh()
      .on('PUT', '/youtube/v3/videos?part=snippet')
      .reply(404, googleError(404, 'videoNotFound', 'The video that you are trying to update cannot be found.'));
    const snippet = { title: 't', categoryId: '22' };
    expect((await failure(h.run('updateVideo', { id: VIDEO, snippet }))).code).toBe('NOT_FOUND');
    await h.close();
    fresh().on('POST', '/youtube/v3/comments?part=snippet').reply(404, googleError(404, 'parentCommentNotFound'));
    expect((await failure(h.run('replyToComment', { parentId: 'gone', text: 'hi' }))).providerCode).toBe('parentCommentNotFound');
  });

  it('maps a refused category to INVALID_INPUT with the field YouTube names', async () => {
    fresh()
      .on('PUT', '/youtube/v3/videos?part=snippet')
      .reply(
        400,
        googleError(
          400,
          'invalidCategoryId',
          'The snippet.categoryId property specifies an invalid category ID.',
          'body.snippet.categoryId',
        ),
      );
    expect(await failure(h.run('updateVideo', { id: VIDEO, snippet: { title: 't', categoryId: '999' } }))).toMatchObject({
      code: 'INVALID_INPUT',
      providerCode: 'invalidCategoryId',
      path: 'body.snippet.categoryId',
      message: expect.stringContaining('invalid category ID'),
    });
  });

  it('refuses bad input before any request: an id that is not 11 characters, over 50 ids, a missing categoryId', async () => {
    fresh();
    expect(await failure(h.run('getVideos', { ids: ['short'] }))).toMatchObject({ code: 'INVALID_INPUT', path: 'ids.0' });
    expect((await failure(h.run('getVideos', { ids: Array.from({ length: 51 }, () => VIDEO) }))).code).toBe('INVALID_INPUT');
    expect(await failure(h.run('updateVideo', { id: VIDEO, snippet: { title: 't' } } as never))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'snippet.categoryId',
    });
    expect(h.requests).toHaveLength(0);
  });

  it('waits as told for a short rate limit (403 rateLimitExceeded with Retry-After), then fails RATE_LIMITED', async () => {
    const limited = googleError(403, 'rateLimitExceeded');
    fresh()
      .on('GET', VIDEOS)
      .reply(403, limited, { 'retry-after': '2' })
      .reply(403, limited, { 'retry-after': '2' })
      .reply(403, limited, { 'retry-after': '2' });
    expect(await failure(h.run('getVideos', { ids: [VIDEO] }))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2000 });
    expect(h.requests).toHaveLength(3);
  });

  it('fails a used-up daily quota at once, with the wait until midnight Pacific time', async () => {
    fresh()
      .on('GET', VIDEOS)
      .always(403, googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.'));
    const error = await failure(h.run('getVideos', { ids: [VIDEO] }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', providerCode: 'quotaExceeded', status: 403 });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(25 * HOUR);
    // Not retried: the quota will not come back within seconds.
    expect(h.requests).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('maps 5xx to UPSTREAM without resending a comment that may have been posted', async () => {
    fresh().on('POST', '/youtube/v3/comments?part=snippet').always(500, googleError(500, 'backendError'));
    expect((await failure(h.run('replyToComment', { parentId: 'Ugz', text: 'hi' }))).code).toBe('UPSTREAM');
    expect(h.requests).toHaveLength(1);
  });

  it('refuses a thumbnail over 2 MB before sending it', async () => {
    fresh();
    const big = Buffer.alloc(2 * 1024 * 1024 + 1).toString('base64');
    expect(await failure(h.run('setThumbnail', { videoId: VIDEO, contentType: 'image/jpeg', imageBase64: big }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'imageBase64',
    });
    expect(h.requests).toHaveLength(0);
  });
});

describe('YouTube daily quota', () => {
  it('computes the quota wait from the Pacific clock: uploadLimitExceeded at 20:00 PST waits 4 hours', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-12-02T04:00:00Z'));
    try {
      const error = youtubeError({
        status: 403,
        headers: {},
        body: googleError(403, 'uploadLimitExceeded', 'The user has exceeded the number of videos they may upload.'),
      });
      expect(error).toMatchObject({ code: 'RATE_LIMITED', providerCode: 'uploadLimitExceeded', retryAfterMs: 4 * HOUR });
      expect(error?.message).toContain('midnight Pacific');
    } finally {
      vi.useRealTimers();
    }
  });
});
