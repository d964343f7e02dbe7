/** One test per documented LinkedIn error class, through a real action. */
import { connectorFailure, createTestHarness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { linkedin } from './index.ts';
import { msUntilUtcMidnight } from './linkedin-errors.ts';

const options = {
  credentials: { accessToken: 'AQV-linkedin-test-token-123' },
  connection: { account: { id: '2414183', name: 'Devtestco' } },
};
let h = createTestHarness(linkedin, options);
afterEach(async () => {
  await h.close();
  h = createTestHarness(linkedin, options);
});

const post = () => h.run('createOrgPost', { commentary: 'Hello' });

describe('LinkedIn errors', () => {
  it('401 (expired or revoked token) is AUTH_EXPIRED', async () => {
    h.on('POST', '/rest/posts').always(401, {
      status: 401,
      serviceErrorCode: 65601,
      code: 'REVOKED_ACCESS_TOKEN',
      message: 'The token used in the request has been revoked by the user',
    });
    expect(await connectorFailure(post())).toMatchObject({ code: 'AUTH_EXPIRED', status: 401 });
  });

  it('403 ACCESS_DENIED (missing permission or page role) is FORBIDDEN_SCOPE with the message', async () => {
    h.on('POST', '/rest/posts').reply(403, {
      status: 403,
      serviceErrorCode: 100,
      code: 'ACCESS_DENIED',
      message: 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20260101',
    });
    const error = await connectorFailure(post());
    expect(error).toMatchObject({ code: 'FORBIDDEN_SCOPE', providerCode: 'ACCESS_DENIED', status: 403 });
    expect(error.message).toContain('Not enough permissions');
  });

  it('422 names the field from errorDetails.inputErrors', async () => {
    h.on('POST', '/rest/posts').reply(422, {
      errorDetailType: 'com.linkedin.common.error.BadRequest',
      message: 'Invalid request',
      errorDetails: {
        inputErrors: [
          { description: 'Commentary is too long', input: { inputPath: { fieldPath: '/commentary' } }, code: 'FIELD_LENGTH_TOO_LONG' },
        ],
      },
      status: 422,
    });
    expect(await connectorFailure(post())).toMatchObject({ code: 'INVALID_INPUT', path: 'commentary', status: 422 });
  });

  it('a missing or retired LinkedIn-Version (400) is INVALID_INPUT, not a crash', async () => {
    h.on('POST', '/rest/posts').reply(400, { status: 400, code: 'VERSION_MISSING', message: 'A version must be present' });
    expect(await connectorFailure(post())).toMatchObject({ code: 'INVALID_INPUT', status: 400 });
  });

  it('429 without Retry-After waits until the daily reset at 00:00 UTC and fails at once', async () => {
    h.on('POST', '/rest/posts').reply(429, {
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      message: 'Resource level throttle APPLICATION DAY limit reached',
    });
    const before = msUntilUtcMidnight();
    const error = await connectorFailure(post());
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(before);
    expect(error.retryAfterMs).toBeGreaterThan(before - 60_000);
    expect(h.requests).toHaveLength(1);
  });

  it('426 (the pinned version was sunset) is UPSTREAM and says the connector needs an upgrade', async () => {
    h.on('POST', '/rest/posts').reply(426, { status: 426, code: 'VERSION_DEPRECATED', message: 'Version Header is Deprecated' });
    const error = await connectorFailure(post());
    expect(error).toMatchObject({ code: 'UPSTREAM', status: 426 });
    expect(error.message).toContain('upgrade @patchbay/connector-linkedin');
  });

  it('500 is UPSTREAM and the POST is not resent', async () => {
    h.on('POST', '/rest/posts').always(500, { status: 500, message: 'Internal Server Error' });
    expect(await connectorFailure(post())).toMatchObject({ code: 'UPSTREAM', status: 500 });
    expect(h.requests).toHaveLength(1);
  });

  it('msUntilUtcMidnight counts to the next midnight UTC', () => {
    expect(msUntilUtcMidnight(Date.parse('2026-12-02T23:00:00Z'))).toBe(3_600_000);
    expect(msUntilUtcMidnight(Date.parse('2026-12-02T00:00:00Z'))).toBe(86_400_000);
  });
});
