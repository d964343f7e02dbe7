import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { tiktok } from './index.ts';

let h: Harness<typeof tiktok>;
afterEach(() => h.close());

const failed = (code: string, message = 'refused') => ({ data: {}, error: { code, message, log_id: '2026120200000000' } });
const post = {
  privacyLevel: 'PUBLIC_TO_EVERYONE',
  source: { source: 'PULL_FROM_URL', videoUrl: 'https://media.example.com/a.mp4' },
} as const;

function harness() {
  h = createTestHarness(tiktok, { credentials: { accessToken: 'act.1' } });
  return h;
}

describe('TikTok error envelope (error.code other than "ok")', () => {
  it('explains that an unaudited app may only post privately', async () => {
    harness()
      .on('POST', '/post/publish/video/init/')
      .reply(403, failed('unaudited_client_can_only_post_to_private_accounts', 'Please review our integration guidelines'));
    const error = await connectorFailure(h.run('postVideo', post));
    expect(error).toMatchObject({ code: 'FORBIDDEN_SCOPE', providerCode: 'unaudited_client_can_only_post_to_private_accounts' });
    expect(error.message).toContain('SELF_ONLY');
    expect(error.message).toContain('audit');
  });

  it('reads a failure inside an HTTP 200 body', async () => {
    harness().on('POST', '/post/publish/status/fetch/').reply(200, failed('invalid_publish_id', 'publish_id does not exist'));
    expect(await connectorFailure(h.run('getPublishStatus', { publishId: 'nope' }))).toMatchObject({
      code: 'NOT_FOUND',
      providerCode: 'invalid_publish_id',
    });
  });

  it('names the field for a privacy level the creator does not offer', async () => {
    harness().on('POST', '/post/publish/video/init/').reply(400, failed('privacy_level_option_mismatch'));
    expect(await connectorFailure(h.run('postVideo', post))).toMatchObject({ code: 'INVALID_INPUT', path: 'privacyLevel' });
  });

  it('says an unverified pull URL is the input at fault', async () => {
    harness().on('POST', '/post/publish/video/init/').reply(403, failed('url_ownership_unverified'));
    expect(await connectorFailure(h.run('postVideo', post))).toMatchObject({ code: 'INVALID_INPUT', path: 'videoUrl' });
  });

  it('maps a missing scope to FORBIDDEN_SCOPE', async () => {
    harness()
      .on('POST', '/video/list/?fields=id%2Ctitle%2Cvideo_description%2Cduration%2Ccover_image_url%2Cshare_url%2Ccreate_time')
      .reply(401, failed('scope_not_authorized'));
    expect(await connectorFailure(h.run('listVideos', {}))).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
  });

  it('waits out the per-minute init limit when TikTok names no wait', async () => {
    harness().on('POST', '/post/publish/video/init/').always(429, failed('rate_limit_exceeded'));
    expect(await connectorFailure(h.run('postVideo', post))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 60_000 });
  });

  it('leaves the daily post cap without a made-up wait', async () => {
    harness().on('POST', '/post/publish/video/init/').always(403, failed('spam_risk_too_many_posts'));
    expect(await connectorFailure(h.run('postVideo', post))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: undefined });
  });

  it('maps an invalid token to AUTH_EXPIRED so the engine refreshes', async () => {
    harness().on('POST', '/post/publish/creator_info/query/').always(401, failed('access_token_invalid'));
    expect(await connectorFailure(h.run('getCreatorInfo', {}))).toMatchObject({ code: 'AUTH_EXPIRED' });
  });
});
