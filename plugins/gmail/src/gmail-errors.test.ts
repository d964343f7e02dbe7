import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gmail } from './index.ts';
import { buildMessage } from './mime.ts';

let h: Harness<typeof gmail>;
const fresh = () => {
  h = createTestHarness(gmail, { credentials: { accessToken: 'ya29.err-test' } });
  return h;
};
afterEach(() => h.close());

const googleError = (code: number, status: string, reason: string, message = 'failed') => ({
  error: { code, message, status, errors: [{ reason, message, domain: 'global' }] },
});

describe('Gmail errors', () => {
  it('maps 401 to AUTH_EXPIRED so the engine refreshes once', async () => {
    fresh()
      .on('GET', '/gmail/v1/users/me/messages/m1?format=full')
      .reply(401, googleError(401, 'UNAUTHENTICATED', 'authError', 'Invalid Credentials'));
    expect(await failure(h.run('getMessage', { id: 'm1' }))).toMatchObject({
      code: 'AUTH_EXPIRED',
      status: 401,
      providerCode: 'authError',
    });
  });

  it('maps 429 with Retry-After to RATE_LIMITED after waiting as told, and 403 rateLimitExceeded too', async () => {
    fresh()
      .on('GET', '/gmail/v1/users/me/messages/m1?format=full')
      .reply(429, googleError(429, 'RESOURCE_EXHAUSTED', 'rateLimitExceeded'), { 'retry-after': '2' })
      .reply(429, googleError(429, 'RESOURCE_EXHAUSTED', 'rateLimitExceeded'), { 'retry-after': '2' })
      .reply(429, googleError(429, 'RESOURCE_EXHAUSTED', 'rateLimitExceeded'), { 'retry-after': '2' });
    expect(await failure(h.run('getMessage', { id: 'm1' }))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2000 });
    expect(h.sleeps.every((ms) => ms >= 2000)).toBe(true);
    await h.close();
    const limited = googleError(403, 'PERMISSION_DENIED', 'userRateLimitExceeded');
    fresh().on('POST', '/gmail/v1/users/me/messages/send').reply(403, limited).reply(403, limited).reply(403, limited);
    expect((await failure(h.run('sendEmail', { to: ['a@example.com'], subject: 's', text: 't' }))).code).toBe('RATE_LIMITED');
  });

  it('fails a used-up daily quota at once, with the wait until midnight Pacific time (G4)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-12-02T04:00:00Z')); // 20:00 in Los Angeles
    try {
      fresh()
        .on('GET', '/gmail/v1/users/me/messages/m1?format=full')
        .always(403, googleError(403, 'PERMISSION_DENIED', 'dailyLimitExceeded', 'Daily Limit Exceeded'));
      expect(await failure(h.run('getMessage', { id: 'm1' }))).toMatchObject({
        code: 'RATE_LIMITED',
        providerCode: 'dailyLimitExceeded',
        retryAfterMs: 4 * 3600 * 1000,
      });
      // Not retried within seconds: the quota will not be back before midnight.
      expect(h.requests).toHaveLength(1);
      expect(h.sleeps).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('maps a missing scope to FORBIDDEN_SCOPE, a bad request to INVALID_INPUT and a missing message to NOT_FOUND', async () => {
    fresh()
      .on('POST', '/gmail/v1/users/me/drafts')
      .reply(403, googleError(403, 'PERMISSION_DENIED', 'insufficientPermissions'));
    expect((await failure(h.run('createDraft', { to: ['a@example.com'], subject: 's', text: 't' }))).code).toBe('FORBIDDEN_SCOPE');
    await h.close();
    fresh()
      .on('POST', '/gmail/v1/users/me/messages/send')
      .reply(400, googleError(400, 'INVALID_ARGUMENT', 'invalidArgument', 'Invalid To header'));
    expect(await failure(h.run('sendEmail', { to: ['a@example.com'], subject: 's', text: 't' }))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Invalid To header'),
    });
    await h.close();
    fresh()
      .on('GET', '/gmail/v1/users/me/messages/gone?format=full')
      .reply(404, googleError(404, 'NOT_FOUND', 'notFound', 'Requested entity was not found.'));
    expect((await failure(h.run('getMessage', { id: 'gone' }))).code).toBe('NOT_FOUND');
  });

  it('refuses input without a body, and header injection through the subject', async () => {
    fresh();
    expect((await failure(h.run('sendEmail', { to: ['a@example.com'], subject: 's' }))).code).toBe('INVALID_INPUT');
    expect(() => buildMessage({ to: ['a@example.com'], subject: 'hi\r\nBcc: victim@example.com', text: 'x' })).toThrow(/line breaks/);
    expect(h.requests).toHaveLength(0);
  });
});
