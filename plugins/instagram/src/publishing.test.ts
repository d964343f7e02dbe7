import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { instagram } from './index.ts';

const IG = '17841400000000001';
let h: Harness<typeof instagram>;
const fresh = (metadata: Record<string, unknown> = { igUserId: IG }) => {
  h = createTestHarness(instagram, { credentials: { accessToken: 'IGAAtoken' }, connection: { metadata } });
  return h;
};
afterEach(() => h.close());
const statusPath = (id: string) => `/${id}?fields=status_code%2Cstatus`;
const graphError = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: 'OAuthException', code, fbtrace_id: 'Ab', ...extra },
});

describe('Instagram publishing and errors', () => {
  it('a reel is published only once its container is FINISHED, checking again while IN_PROGRESS', async () => {
    fresh().on('POST', `/${IG}/media`).reply(200, { id: '900' });
    h.on('GET', statusPath('900')).reply(200, { id: '900', status_code: 'IN_PROGRESS' }).reply(200, { id: '900', status_code: 'FINISHED' });
    h.on('POST', `/${IG}/media_publish`).reply(200, { id: '901' });
    expect(await h.run('publishReel', { videoUrl: 'https://cdn.example.com/r.mp4' })).toEqual({ id: '901', containerId: '900' });
    expect(h.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET', 'POST']);
  }, 20_000);

  it('a container in ERROR fails with Meta reason as INVALID_INPUT and is never published', async () => {
    fresh().on('POST', `/${IG}/media`).reply(200, { id: '902' });
    h.on('GET', statusPath('902')).reply(200, { id: '902', status_code: 'ERROR', status: 'Error: Media format not supported' });
    expect(await failure(h.run('publishImage', { imageUrl: 'https://cdn.example.com/a.gif' }))).toMatchObject({
      code: 'INVALID_INPUT',
      providerCode: 'ERROR',
      message: expect.stringContaining('Media format not supported'),
    });
    expect(h.requests.some((r) => r.url.endsWith('/media_publish'))).toBe(false);
  });

  it('190 is AUTH_EXPIRED, 10 FORBIDDEN_SCOPE, 100 INVALID_INPUT with its parameter, 9 (daily cap) RATE_LIMITED', async () => {
    const cases: [number, string, Record<string, unknown>, string][] = [
      [190, 'Error validating access token', { error_subcode: 463 }, 'AUTH_EXPIRED'],
      [10, '(#10) Application does not have permission for this action', {}, 'FORBIDDEN_SCOPE'],
      [100, '(#100) The parameter image_url is required', {}, 'INVALID_INPUT'],
      [9, 'Application request limit reached', { error_subcode: 2207042 }, 'RATE_LIMITED'],
    ];
    for (const [code, message, extra, expected] of cases) {
      // always: a rate limit without a wait is retried (Meta cannot have acted on a refused call).
      fresh()
        .on('POST', `/${IG}/media`)
        .always(400, graphError(code, message, extra));
      const error = await failure(h.run('publishImage', { imageUrl: 'https://cdn.example.com/a.jpg' }));
      expect(error.code, String(code)).toBe(expected);
      if (code === 100) expect(error.path).toBe('image_url');
      await h.close();
    }
    fresh();
  });

  it('a rate limit carries the wait from X-Business-Use-Case-Usage; a server error is UPSTREAM', async () => {
    fresh()
      .on('GET', `/${IG}/content_publishing_limit?fields=quota_usage%2Cconfig`)
      .reply(400, graphError(4, 'Application request limit reached'), {
        'x-business-use-case-usage': JSON.stringify({
          [IG]: [{ type: 'instagram', call_count: 100, estimated_time_to_regain_access: 15 }],
        }),
      });
    expect(await failure(h.run('getPublishingLimit', {}))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 15 * 60_000 });
    await h.close();
    fresh().on('POST', '/1780000000001/replies').reply(500, graphError(2, 'Service temporarily unavailable'));
    expect((await failure(h.run('replyToComment', { commentId: '1780000000001', message: 'x' }))).code).toBe('UPSTREAM');
  });

  it('a connection without the account id asks for a new login; a comment id that is not digits never reaches a URL', async () => {
    fresh({});
    expect((await failure(h.run('listMedia', {}))).code).toBe('AUTH_INVALID');
    expect((await failure(h.run('replyToComment', { commentId: '../me', message: 'x' }))).code).toBe('INVALID_INPUT');
    expect(await failure(h.run('publishCarousel', { items: [{ type: 'image', url: 'https://cdn.example.com/1.jpg' }] }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(h.requests).toHaveLength(0);
  });
});
