import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { x } from './index.ts';

let h: Harness<typeof x>;
afterEach(() => h.close());
const harness = () => {
  h = createTestHarness(x, { credentials: { accessToken: 'x-token' } });
  return h;
};

describe('X errors', () => {
  it('reads the 429 wait from x-rate-limit-reset (epoch seconds) and fails fast on a 15-minute window', async () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    harness()
      .on('POST', '/2/tweets')
      .reply(
        429,
        { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
        {
          'x-rate-limit-limit': '200',
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(reset),
        },
      );
    const error = await connectorFailure(h.run('createPost', { text: 'hi' }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBeGreaterThan(590_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(600_000);
    expect(h.requests).toHaveLength(1);
  });

  it('maps the legacy code 88 body as a rate limit', async () => {
    // No wait given: a rate limit is retried (the provider cannot have acted), then reported.
    harness()
      .on('GET', '/2/users/me')
      .always(400, { errors: [{ code: 88, message: 'Rate limit exceeded' }] });
    expect(await connectorFailure(h.run('getMe', {}))).toMatchObject({ code: 'RATE_LIMITED', providerCode: '88' });
  });

  it('names the bad parameter of a 400 as the path', async () => {
    harness()
      .on('POST', '/2/tweets')
      .reply(400, {
        errors: [
          {
            parameters: { 'reply.in_reply_to_tweet_id': ['1'] },
            message: 'The `reply.in_reply_to_tweet_id` query parameter value [1] is not valid',
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    expect(await connectorFailure(h.run('createPost', { text: 'hi', replyTo: '1' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'reply.in_reply_to_tweet_id',
      providerCode: 'invalid-request',
    });
  });

  it('reads a duplicate post (403) as CONFLICT, not a missing scope', async () => {
    harness().on('POST', '/2/tweets').reply(403, {
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
    const error = await connectorFailure(h.run('createPost', { text: 'same again' }));
    expect(error).toMatchObject({ code: 'CONFLICT', providerCode: 'duplicate-content' });
    expect(error.message).toContain('duplicate content');
  });

  it('reads an app outside a Project (client-not-enrolled) as FORBIDDEN_SCOPE', async () => {
    harness().on('GET', '/2/users/me').reply(403, {
      client_id: '123',
      detail:
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.',
      title: 'Client Forbidden',
      reason: 'client-not-enrolled',
      type: 'https://api.twitter.com/2/problems/client-forbidden',
    });
    expect(await connectorFailure(h.run('getMe', {}))).toMatchObject({ code: 'FORBIDDEN_SCOPE', providerCode: 'client-not-enrolled' });
  });

  it('reads a 200 with only errors (an unknown user) as NOT_FOUND', async () => {
    harness()
      .on('GET', '/2/users/42/tweets')
      .reply(200, {
        errors: [
          {
            value: '42',
            detail: 'Could not find user with id: [42].',
            title: 'Not Found Error',
            resource_type: 'user',
            parameter: 'id',
            resource_id: '42',
            type: 'https://api.twitter.com/2/problems/resource-not-found',
          },
        ],
      });
    expect(await connectorFailure(h.run('listUserPosts', { userId: '42' }))).toMatchObject({
      code: 'NOT_FOUND',
      providerCode: 'resource-not-found',
    });
  });

  it('keeps a page that carries data next to partial errors', async () => {
    harness()
      .on('GET', '/2/users/42/tweets')
      .reply(200, {
        data: [{ id: '1', text: 'kept' }],
        errors: [{ resource_id: '2', type: 'https://api.twitter.com/2/problems/not-authorized-for-resource' }],
        meta: { result_count: 1 },
      });
    expect(await h.run('listUserPosts', { userId: '42' })).toMatchObject({ posts: [{ id: '1', text: 'kept' }], nextToken: null });
  });

  it('reads an expired token (401) as AUTH_EXPIRED', async () => {
    harness().on('GET', '/2/users/me').reply(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    expect(await connectorFailure(h.run('getMe', {}))).toMatchObject({ code: 'AUTH_EXPIRED' });
  });

  it('refuses a post with both a poll and media before any request', async () => {
    harness();
    const error = await connectorFailure(
      h.run('createPost', { text: 'x', mediaIds: ['1'], poll: { options: ['a', 'b'], durationMinutes: 5 } }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', path: 'poll' });
    expect(h.requests).toHaveLength(0);
  });
});
