import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { facebookPages } from './index.ts';

let h: Harness<typeof facebookPages>;
const fresh = () => {
  h = createTestHarness(facebookPages, {
    credentials: { accessToken: 'EAAGuser', account: { accessToken: 'EAAGpage' } },
    connection: { account: { id: '1234', name: 'Bike shop' } },
  });
  return h;
};
afterEach(() => h.close());

const graphError = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf', ...extra },
});
const post = () => h.run('publishPost', { message: 'hi' });

describe('Meta Graph errors (facebook-pages)', () => {
  it('190 (token expired, subcode 463) is AUTH_EXPIRED: the connection needs a new login', async () => {
    fresh()
      .on('POST', '/1234/feed')
      .reply(400, graphError(190, 'Error validating access token: Session has expired', { error_subcode: 463 }));
    expect(await failure(post())).toMatchObject({ code: 'AUTH_EXPIRED', status: 400, providerCode: '190/463' });
  });

  it('10 and 200-299 are FORBIDDEN_SCOPE', async () => {
    fresh()
      .on('POST', '/1234/feed')
      .reply(403, graphError(200, "(#200) The user hasn't authorized the application to perform this action"));
    expect((await failure(post())).code).toBe('FORBIDDEN_SCOPE');
    await h.close();
    fresh().on('POST', '/1234/feed').reply(400, graphError(10, '(#10) Application does not have permission for this action'));
    expect(await failure(post())).toMatchObject({ code: 'FORBIDDEN_SCOPE', providerCode: '10' });
  });

  it('100 is INVALID_INPUT with the parameter Graph named', async () => {
    fresh().on('POST', '/1234/feed').reply(400, graphError(100, '(#100) Param message must be non-empty UTF-8 encoded string'));
    expect(await failure(post())).toMatchObject({ code: 'INVALID_INPUT', providerCode: '100', path: 'message' });
  });

  it('368 (the account is blocked from posting for a while) is FORBIDDEN_SCOPE, not a bad request', async () => {
    fresh().on('POST', '/1234/feed').reply(400, graphError(368, 'The action attempted has been deemed abusive or is otherwise disallowed'));
    expect(await failure(post())).toMatchObject({ code: 'FORBIDDEN_SCOPE', providerCode: '368' });
  });

  it('a missing object is NOT_FOUND', async () => {
    fresh().on('POST', '/1234_9/comments').reply(404, graphError(803, '(#803) Some of the aliases you requested do not exist'));
    expect((await failure(h.run('commentOnPost', { objectId: '1234_9', message: 'x' }))).code).toBe('NOT_FOUND');
  });

  it('Business Use Case throttling (code 80001 at HTTP 400) is RATE_LIMITED with the wait from X-Business-Use-Case-Usage, failing fast', async () => {
    const usage = JSON.stringify({
      1234: [{ type: 'pages', call_count: 100, total_cputime: 12, total_time: 30, estimated_time_to_regain_access: 7 }],
    });
    fresh()
      .on('POST', '/1234/feed')
      .reply(400, graphError(80001, 'There have been too many calls to this Page account.'), { 'x-business-use-case-usage': usage });
    expect(await failure(post())).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 7 * 60_000, providerCode: '80001' });
    // Seven minutes is past the retry ceiling: the call fails at once instead of waiting.
    expect(h.requests).toHaveLength(1);
  });

  it('app-level limits (4, 17, 32, 613) are RATE_LIMITED even at HTTP 400; 613 with a BUC wait gets it', async () => {
    for (const code of [4, 17, 32]) {
      fresh()
        .on('GET', '/1234/posts?fields=id%2Cmessage%2Ccreated_time%2Cpermalink_url&limit=25')
        .always(400, graphError(code, '(#4) Application request limit reached'));
      expect((await failure(h.run('listPosts', {}))).code, String(code)).toBe('RATE_LIMITED');
      await h.close();
    }
    fresh().on('POST', '/1234/feed').reply(400, graphError(613, 'Calls to this api have exceeded the rate limit.'), {
      'x-business-use-case-usage': '{"1234":[{"type":"pages","estimated_time_to_regain_access":2}]}',
    });
    expect(await failure(post())).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 120_000 });
  });

  it('a server error is UPSTREAM and an unreadable usage header is ignored', async () => {
    fresh().on('POST', '/1234/feed').reply(500, graphError(2, 'An unexpected error has occurred.'));
    expect((await failure(post())).code).toBe('UPSTREAM');
    await h.close();
    fresh().on('POST', '/1234/feed').reply(400, graphError(100, 'Invalid parameter'), { 'x-business-use-case-usage': 'not json' });
    expect((await failure(post())).code).toBe('INVALID_INPUT');
  });
});
