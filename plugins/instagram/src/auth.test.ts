import { isTokenResponseError } from '@patchbay/sdk';
import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { instagramTokenResponse } from './auth.ts';
import { instagram } from './index.ts';

let h: Harness<typeof instagram>;
afterEach(() => h?.close());
const DAY_MS = 24 * 3600 * 1000;

describe('Instagram tokens', () => {
  it('reads the code exchange answer, nested under data or flat', () => {
    const nested = instagramTokenResponse({
      data: [{ access_token: 'IGQshort', user_id: '1784', permissions: 'instagram_business_basic,instagram_business_content_publish' }],
    });
    expect(nested).toMatchObject({ accessToken: 'IGQshort', scopes: ['instagram_business_basic', 'instagram_business_content_publish'] });
    expect(instagramTokenResponse({ access_token: 'IGQflat', user_id: 1784, permissions: ['instagram_business_basic'] })).toMatchObject({
      accessToken: 'IGQflat',
      scopes: ['instagram_business_basic'],
    });
    let thrown: unknown;
    try {
      instagramTokenResponse({ error_type: 'OAuthException', code: 400, error_message: 'Invalid code' });
    } catch (error) {
      thrown = error;
    }
    expect(isTokenResponseError(thrown)).toBe(true);
  });

  it('afterExchange gets the 60-day token with ig_exchange_token and records the account id', async () => {
    h = createTestHarness(instagram, { credentials: { accessToken: 'x' } });
    h.on(
      'GET',
      'https://graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret=test-client-secret&access_token=IGQshort',
    ).reply(200, { access_token: 'IGAAlong', token_type: 'bearer', expires_in: 5183944 });
    h.on('GET', '/me?fields=user_id%2Cusername').reply(200, { id: '2500', user_id: '17841400000000001', username: 'bikeshop' });
    const hook = instagram.auth.afterExchange;
    if (!hook) throw new Error('no afterExchange');
    const out = await h.oauthHook((ctx) => hook({ accessToken: 'IGQshort', scopes: ['instagram_business_basic'] }, ctx));
    expect(out?.tokens).toMatchObject({ accessToken: 'IGAAlong', providerAccountId: '17841400000000001' });
    expect((out?.tokens?.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * DAY_MS);
    expect(out?.metadata).toEqual({ igUserId: '17841400000000001', username: 'bikeshop' });
    expect(h.requests[1]?.headers.authorization).toBe('Bearer IGAAlong');
  });

  it('refresh.run renews with ig_refresh_token and no refresh token; a refused one is HTTP 400 read as needs_reauth', async () => {
    h = createTestHarness(instagram, { credentials: { accessToken: 'x' } });
    h.on('GET', 'https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=IGAAold')
      .reply(200, { access_token: 'IGAAnew', token_type: 'bearer', expires_in: 5184000 })
      .reply(400, { error: { message: 'Error validating access token', type: 'OAuthException', code: 190 } });
    const run = instagram.auth.refresh.run;
    if (!run) throw new Error('no refresh.run');
    const renewed = await h.oauthHook((ctx) => run({ accessToken: 'IGAAold', scopes: ['instagram_business_basic'] }, ctx));
    expect(renewed.accessToken).toBe('IGAAnew');
    expect((renewed.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * DAY_MS);
    expect(instagram.auth.refresh.refreshBeforeMs).toBe(10 * DAY_MS);
    const refused = await failure(h.oauthHook((ctx) => run({ accessToken: 'IGAAold', scopes: [] }, ctx)));
    expect(refused.status).toBe(400);
    expect(instagram.auth.classifyTokenError?.({ error: undefined, status: 400 })).toBe('needs_reauth');
  });
});
