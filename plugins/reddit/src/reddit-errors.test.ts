import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { reddit } from './index.ts';
import { waitInWords } from './reddit-errors.ts';

let h: Harness<typeof reddit>;
const opened: Harness<typeof reddit>[] = [];
afterEach(async () => {
  for (const one of opened.splice(0)) await one.close();
});
const harness = () => {
  h = createTestHarness(reddit, { credentials: { accessToken: 'reddit-token' } });
  opened.push(h);
  return h;
};
const selfPost = { subreddit: 'test', title: 'Hello', kind: 'self', text: 'body' } as const;

describe('Reddit errors', () => {
  it('reads json.errors in an HTTP 200 as INVALID_INPUT naming the field', async () => {
    harness()
      .on('POST', '/api/submit')
      .reply(200, { json: { errors: [['NO_SELFS', "This community doesn't allow text posts", 'sr']] } });
    expect(await connectorFailure(h.run('submitPost', selfPost))).toMatchObject({
      code: 'INVALID_INPUT',
      providerCode: 'NO_SELFS',
      path: 'sr',
    });
  });

  it('reads a missing required flair as INVALID_INPUT on the flair field', async () => {
    harness()
      .on('POST', '/api/submit')
      .reply(200, { json: { errors: [['SUBMIT_VALIDATION_FLAIR_REQUIRED', 'Your post must contain post flair.', 'flair']] } });
    expect(await connectorFailure(h.run('submitPost', selfPost))).toMatchObject({ code: 'INVALID_INPUT', path: 'flair' });
  });

  it('reads SUBREDDIT_NOEXIST as NOT_FOUND', async () => {
    harness()
      .on('POST', '/api/submit')
      .reply(200, { json: { errors: [['SUBREDDIT_NOEXIST', "that community doesn't exist", 'sr']] } });
    expect(await connectorFailure(h.run('submitPost', selfPost))).toMatchObject({ code: 'NOT_FOUND', providerCode: 'SUBREDDIT_NOEXIST' });
  });

  it('reads the posting RATELIMIT in a 200 with the wait it states, and does not post again', async () => {
    harness()
      .on('POST', '/api/submit')
      .reply(200, { json: { errors: [['RATELIMIT', 'you are doing that too much. try again in 5 minutes.', 'ratelimit']] } });
    const error = await connectorFailure(h.run('submitPost', selfPost));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', providerCode: 'RATELIMIT', retryAfterMs: 300_000 });
    expect(h.requests).toHaveLength(1);
  });

  it('honours X-Ratelimit-Reset as seconds until the window ends (not an epoch)', async () => {
    harness()
      .on('GET', '/r/test/new')
      .reply(
        429,
        { message: 'Too Many Requests', error: 429 },
        { 'x-ratelimit-used': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '42' },
      );
    const error = await connectorFailure(h.run('listSubredditPosts', { subreddit: 'test' }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 42_000 });
    expect(h.requests).toHaveLength(1);
  });

  it('reads a locked thread as FORBIDDEN_SCOPE', async () => {
    harness()
      .on('POST', '/api/comment')
      .reply(200, { json: { errors: [['THREAD_LOCKED', 'Comments are locked.', 'parent']] } });
    expect(await connectorFailure(h.run('comment', { parent: 't3_abc', text: 'hi' }))).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
  });

  it('reads a private subreddit (403) as FORBIDDEN_SCOPE and an unknown one (404) as NOT_FOUND', async () => {
    harness().on('GET', '/r/secret/new').reply(403, { reason: 'private', message: 'Forbidden', error: 403 });
    expect(await connectorFailure(h.run('listSubredditPosts', { subreddit: 'secret' }))).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
    h.on('GET', '/r/nowhere/new').always(404, { message: 'Not Found', error: 404 });
    expect(await connectorFailure(h.run('listSubredditPosts', { subreddit: 'nowhere' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a link post without url before any request', async () => {
    harness();
    expect(await connectorFailure(h.run('submitPost', { subreddit: 'test', title: 't', kind: 'link' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'url',
    });
    expect(h.requests).toHaveLength(0);
  });

  it('reads the waits Reddit words', () => {
    expect(waitInWords('you are doing that too much. try again in 9 seconds.')).toBe(9_000);
    expect(waitInWords('try again in 1 minute.')).toBe(60_000);
    expect(waitInWords('slow down')).toBeUndefined();
  });
});
