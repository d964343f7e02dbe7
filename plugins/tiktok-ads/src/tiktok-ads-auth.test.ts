/** The token response, afterExchange and revoke hooks, run as the engine runs them. */
import { isTokenResponseError } from '@patchbay/sdk';
import { createTestHarness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { harnessOptions, ok } from './fixtures.ts';
import { tiktokAds } from './index.ts';
import { tiktokAdsAuth } from './tiktok-ads-auth.ts';

const API = 'https://business-api.tiktok.com/open_api/v1.3';
let h = createTestHarness(tiktokAds, harnessOptions);
afterEach(async () => {
  await h.close();
  h = createTestHarness(tiktokAds, harnessOptions);
});

describe('TikTok Ads authorization', () => {
  it('reads the access token from the 200 envelope', () => {
    const parse = tiktokAdsAuth.parseTokenResponse;
    const raw = ok({ access_token: 'tt-token', advertiser_ids: ['1', '2'], scope: [4, 5] });
    expect(parse?.(raw)).toEqual({ accessToken: 'tt-token', scopes: ['4', '5'] });
  });

  it('an invalid or used auth_code (40110) is invalid_grant; other codes keep their number', () => {
    const parse = tiktokAdsAuth.parseTokenResponse;
    const thrown = (raw: Record<string, unknown>) => {
      try {
        parse?.(raw);
      } catch (error) {
        return error;
      }
      throw new Error('expected a refusal');
    };
    const used = thrown({ code: 40110, message: 'Auth code is invalid', data: {} });
    expect(isTokenResponseError(used) && used.error).toBe('invalid_grant');
    const app = thrown({ code: 40101, message: 'Invalid app_id or secret', data: {} });
    expect(isTokenResponseError(app) && app.error).toBe('tiktok_40101');
  });

  it('builds the JSON token request with app_id, secret and auth_code', () => {
    const build = tiktokAdsAuth.tokenRequest;
    if (typeof build !== 'function') throw new Error('tokenRequest must be a builder');
    const request = build({
      grantType: 'authorization_code',
      params: { code: 'auth-code-1', grant_type: 'authorization_code', redirect_uri: 'https://pb.example/oauth/callback' },
      tokenUrl: `${API}/oauth2/access_token/`,
      client: { id: 'app-1', secret: 's3cret' },
      redirectUri: 'https://pb.example/oauth/callback',
    });
    expect(request).toEqual({ json: { app_id: 'app-1', secret: 's3cret', auth_code: 'auth-code-1' } });
  });

  it('afterExchange keeps the advertisers the user granted, read with the app credentials', async () => {
    h.on('GET', `${API}/oauth2/advertiser/get/`).reply(
      200,
      ok({
        list: [
          { advertiser_id: '7000000000000000001', advertiser_name: 'Acme Shoes' },
          { advertiser_id: '7000000000000000002', advertiser_name: 'Acme Hats' },
        ],
      }),
    );
    const hook = tiktokAdsAuth.afterExchange;
    if (!hook) throw new Error('afterExchange missing');
    const result = await h.oauthHook((ctx) => hook({ accessToken: 'tt-token' }, ctx));
    expect(result).toEqual({
      metadata: {
        advertisers: [
          { id: '7000000000000000001', name: 'Acme Shoes' },
          { id: '7000000000000000002', name: 'Acme Hats' },
        ],
      },
    });
    const sent = h.requests[0];
    expect(Object.fromEntries(new URL(sent?.url ?? '').searchParams)).toEqual({ app_id: 'test-client-id', secret: 'test-client-secret' });
    expect(sent?.headers['access-token']).toBe('tt-token');
  });

  it('afterExchange fails the connect when TikTok refuses in the body', async () => {
    h.on('GET', `${API}/oauth2/advertiser/get/`).reply(200, { code: 40101, message: 'Invalid app_id or secret', data: {} });
    const hook = tiktokAdsAuth.afterExchange;
    if (!hook) throw new Error('afterExchange missing');
    await expect(h.oauthHook((ctx) => hook({ accessToken: 'tt-token' }, ctx))).rejects.toThrow();
  });

  it('revoke is confirmed only by code 0', async () => {
    const revoke = tiktokAdsAuth.revoke;
    if (!revoke) throw new Error('revoke missing');
    h.on('POST', `${API}/oauth2/revoke_token/`)
      .reply(200, ok({}))
      .reply(200, { code: 40105, message: 'Access token is invalid', data: {} });
    const tokens = { accessToken: 'tt-token', scopes: [] };
    expect(await h.oauthHook((ctx) => revoke(tokens, ctx))).toBe(true);
    expect(h.requests[0]?.json()).toEqual({ app_id: 'test-client-id', secret: 'test-client-secret', access_token: 'tt-token' });
    expect(await h.oauthHook((ctx) => revoke(tokens, ctx))).toBe(false);
  });
});
