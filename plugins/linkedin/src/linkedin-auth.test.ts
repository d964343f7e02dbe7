/** The token response reader and the revoke hook, run as the engine runs them. */
import { createTestHarness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { linkedin } from './index.ts';
import { linkedinAuth } from './linkedin-auth.ts';
import { linkedinTokenResponse } from './token-response.ts';

const options = { credentials: { accessToken: 'AQV-linkedin-test-token-123' } };
let h = createTestHarness(linkedin, options);
afterEach(async () => {
  await h.close();
  h = createTestHarness(linkedin, options);
});

describe('LinkedIn tokens', () => {
  it('reads a 60-day token with comma-separated scopes and no refresh token (a plain app)', () => {
    const now = Date.now();
    const tokens = linkedinTokenResponse({
      access_token: 'AQV',
      expires_in: 5184000,
      scope: 'r_organization_social,w_organization_social',
    });
    expect(tokens).toMatchObject({
      accessToken: 'AQV',
      refreshToken: undefined,
      scopes: ['r_organization_social', 'w_organization_social'],
    });
    expect(tokens.expiresAt?.getTime()).toBeGreaterThanOrEqual(now + 5184000_000);
  });

  it('keeps the refresh token of an app approved for programmatic refresh', () => {
    const tokens = linkedinTokenResponse({
      access_token: 'AQV',
      expires_in: 5184000,
      refresh_token: 'AQX',
      refresh_token_expires_in: 31536000,
    });
    expect(tokens.refreshToken).toBe('AQX');
  });

  it('revokes with the access token and the app credentials in the form, confirmed by a 2xx', async () => {
    const revoke = linkedinAuth.revoke;
    if (!revoke) throw new Error('revoke missing');
    h.on('POST', 'https://www.linkedin.com/oauth/v2/revoke').reply(200, '');
    const confirmed = await h.oauthHook((ctx) => revoke({ accessToken: 'AQV-access', refreshToken: 'AQX-refresh', scopes: [] }, ctx));
    expect(confirmed).toBe(true);
    expect(Object.fromEntries(h.requests[0]?.form() ?? [])).toEqual({
      client_id: 'test-client-id',
      client_secret: 'test-client-secret',
      token: 'AQV-access',
    });
  });
});
