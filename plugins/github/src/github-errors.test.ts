import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { githubRetryAfterMs } from './github-errors.ts';
import { github } from './index.ts';

let h: Harness<typeof github>;
const fresh = () => {
  h = createTestHarness(github, { credentials: { accessToken: 'gho_errorTestToken0000000000000000000000' } });
  return h;
};

const ISSUES = '/repos/octocat/Hello-World/issues';
const create = { owner: 'octocat', repo: 'Hello-World', title: 'Found a bug' };
const docs = (anchor: string) => `https://docs.github.com/rest/issues/issues#${anchor}`;
const created = {
  id: 1,
  number: 1347,
  title: 'Found a bug',
  state: 'open',
  html_url: 'https://github.com/octocat/Hello-World/issues/1347',
  created_at: '2011-04-22T13:33:48Z',
  updated_at: '2011-04-22T13:33:48Z',
};

describe('GitHub errors', () => {
  afterEach(() => h.close());

  it('a revoked token (401 Bad credentials) is AUTH_EXPIRED, as for every OAuth connector, and not retried', async () => {
    fresh()
      .on('POST', ISSUES)
      .always(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    expect((await failure(h.run('createIssue', create))).code).toBe('AUTH_EXPIRED');
    expect(h.requests).toHaveLength(1);
  });

  it('a 429 is retried after Retry-After, then succeeds', async () => {
    fresh().on('POST', ISSUES).reply(429, { message: 'API rate limit exceeded' }, { 'retry-after': '3' }).reply(201, created);
    expect((await h.run('createIssue', create)).number).toBe(1347);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });

  it('a 403 with x-ratelimit-remaining: 0 is RATE_LIMITED until x-ratelimit-reset, not FORBIDDEN_SCOPE', async () => {
    const reset = Math.floor(Date.now() / 1000) + 60;
    fresh()
      .on('GET', '/repos/octocat/Hello-World')
      .always(
        403,
        {
          message: 'API rate limit exceeded for user ID 1.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
        { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' },
      );
    const error = await failure(h.run('getRepository', { owner: 'octocat', repo: 'Hello-World' }));
    expect([error.code, error.status, error.providerCode]).toEqual(['RATE_LIMITED', 403, 'core']);
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
    // Longer than the SDK waits: the caller gets retryAfterMs at once instead of a pinned call (F16).
    expect(h.sleeps).toEqual([]);
    expect(h.requests).toHaveLength(1);
  });

  it('a secondary rate limit (403 with Retry-After) is RATE_LIMITED too', async () => {
    fresh()
      .on('POST', ISSUES)
      .reply(
        403,
        { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
        { 'retry-after': '2' },
      )
      .reply(201, created);
    await h.run('createIssue', create);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(2000);
  });

  it('a secondary rate limit named only in the message (403, no headers) is RATE_LIMITED for a minute, not FORBIDDEN_SCOPE', async () => {
    fresh()
      .on('POST', ISSUES)
      .always(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' });
    const error = await failure(h.run('createIssue', create));
    expect([error.code, error.status, error.retryAfterMs]).toEqual(['RATE_LIMITED', 403, 60_000]);
  });

  it('a 429 abuse-detection answer without headers also waits a minute', async () => {
    fresh()
      .on('POST', ISSUES)
      .always(429, { message: 'You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.' });
    expect(await failure(h.run('createIssue', create))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 60_000 });
  });

  it('any other 403 is FORBIDDEN_SCOPE, naming the scope GitHub wants', async () => {
    fresh()
      .on('POST', ISSUES)
      .always(
        403,
        { message: 'Resource not accessible by integration', documentation_url: docs('create-an-issue') },
        { 'x-ratelimit-remaining': '4999', 'x-accepted-oauth-scopes': 'repo', 'x-oauth-scopes': 'read:user' },
      );
    const error = await failure(h.run('createIssue', create));
    expect([error.code, error.message]).toEqual(['FORBIDDEN_SCOPE', 'GitHub refused: Resource not accessible by integration (needs repo)']);
    expect(h.requests).toHaveLength(1);
  });

  it('an unknown (or invisible) repository is NOT_FOUND', async () => {
    fresh()
      .on('GET', '/repos/octocat/nope')
      .reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository', status: '404' });
    expect(await failure(h.run('getRepository', { owner: 'octocat', repo: 'nope' }))).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('a 422 is INVALID_INPUT with the failing field and GitHub’s message', async () => {
    fresh()
      .on('POST', ISSUES)
      .reply(422, {
        message: 'Validation Failed',
        errors: [{ value: 'nobody', resource: 'Issue', field: 'assignees', code: 'invalid' }],
        documentation_url: docs('create-an-issue'),
        status: '422',
      });
    const error = await failure(h.run('createIssue', { ...create, assignees: ['nobody'] }));
    expect([error.code, error.status, error.path, error.providerCode]).toEqual(['INVALID_INPUT', 422, 'assignees', 'invalid']);
    expect(error.message).toBe('GitHub rejected the request: Validation Failed (assignees invalid)');
    await h.close();
    fresh()
      .on('POST', '/repos/octocat/Hello-World/issues/1/comments')
      .reply(422, { message: 'Validation Failed', errors: ['Body is too long (maximum is 65536 characters)'] });
    const tooLong = await failure(h.run('commentOnIssue', { owner: 'octocat', repo: 'Hello-World', issueNumber: 1, body: 'x' }));
    expect(tooLong.message).toBe('GitHub rejected the request: Validation Failed (Body is too long (maximum is 65536 characters))');
  });

  it('checks owner and repository names before calling GitHub', async () => {
    fresh();
    const error = await failure(h.run('getRepository', { owner: 'octocat', repo: '..' }));
    expect([error.code, error.path]).toEqual(['INVALID_INPUT', 'repo']);
    const slash = await failure(h.run('listIssues', { owner: 'octo/cat', repo: 'Hello-World' }));
    expect([slash.code, slash.path]).toEqual(['INVALID_INPUT', 'owner']);
    expect(h.requests).toEqual([]);
  });

  it('lists the first page of open issues by default and reports no next page on the last one', async () => {
    fresh().on('GET', `${ISSUES}?state=open&per_page=30&page=1`).reply(200, []);
    expect(await h.run('listIssues', { owner: 'octocat', repo: 'Hello-World' })).toEqual({ issues: [], nextPage: null });
  });

  it('runs its health check against GET /user', async () => {
    fresh().on('GET', '/user').reply(200, { login: 'octocat', id: 1 });
    await h.healthCheck();
    expect(h.requests[0]?.headers['x-github-api-version']).toBe('2022-11-28');
    await h.close();
    fresh().on('GET', '/user').reply(401, { message: 'Bad credentials' });
    await expect(h.healthCheck()).rejects.toMatchObject({ code: 'AUTH_EXPIRED' });
  });
});

describe('GitHub rate limit waits', () => {
  it('reads the wait from Retry-After first, then from x-ratelimit-reset', () => {
    const now = 1_700_000_000_000;
    expect(githubRetryAfterMs({ 'retry-after': '5', 'x-ratelimit-reset': '1700000100' }, now)).toBe(5000);
    expect(githubRetryAfterMs({ 'x-ratelimit-reset': '1700000100' }, now)).toBe(100_000);
    expect(githubRetryAfterMs({ 'x-ratelimit-reset': '1699999000' }, now)).toBe(0);
    expect(githubRetryAfterMs({}, now)).toBeUndefined();
  });
});
