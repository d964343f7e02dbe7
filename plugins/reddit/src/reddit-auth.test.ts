import { createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { reddit } from './index.ts';
import { REDDIT_USER_AGENT, redditAuth, redditTokenRequest } from './reddit-auth.ts';

let h: Harness<typeof reddit> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const BASIC = `Basic ${Buffer.from('test-client-id:test-client-secret').toString('base64')}`;

describe('Reddit OAuth descriptor', () => {
  it('asks for a permanent grant with Basic client auth and no PKCE', () => {
    expect(redditAuth).toMatchObject({
      pkce: false,
      clientAuth: 'basic',
      extraAuthorizationParams: { duration: 'permanent' },
      tokenUrl: 'https://www.reddit.com/api/v1/access_token',
    });
  });

  it('sends token requests as a Basic-authenticated form with the descriptive User-Agent', () => {
    const client = { id: 'test-client-id', secret: 'test-client-secret' };
    const refresh = redditTokenRequest({
      grantType: 'refresh_token',
      params: { refresh_token: 'r-1' },
      tokenUrl: redditAuth.tokenUrl,
      client,
      redirectUri: 'https://patchbay.test/oauth/callback',
    });
    expect(refresh).toEqual({
      method: 'POST',
      headers: { authorization: BASIC, 'user-agent': REDDIT_USER_AGENT },
      form: { grant_type: 'refresh_token', refresh_token: 'r-1' },
    });
    const exchange = redditTokenRequest({
      grantType: 'authorization_code',
      params: { code: 'c-1', redirect_uri: 'https://patchbay.test/oauth/callback' },
      tokenUrl: redditAuth.tokenUrl,
      client,
      redirectUri: 'https://patchbay.test/oauth/callback',
    });
    expect(exchange.form).toEqual({ grant_type: 'authorization_code', code: 'c-1', redirect_uri: 'https://patchbay.test/oauth/callback' });
    expect(REDDIT_USER_AGENT).toMatch(/^web:[\w.-]+:\d+\.\d+\.\d+ \(by \/u\/[\w-]+\)$/);
  });

  it('afterExchange names the account from /api/v1/me, on oauth.reddit.com with the User-Agent', async () => {
    h = createTestHarness(reddit, { credentials: { accessToken: 'unused' } });
    h.on('GET', '/api/v1/me').reply(200, { id: '1w72', name: 'spez' });
    const hook = redditAuth.afterExchange;
    if (!hook) throw new Error('reddit declares no afterExchange');
    const tokens = { accessToken: 'new-access', refreshToken: 'new-refresh', scopes: ['identity'] };
    expect(await h.oauthHook((ctx) => hook(tokens, ctx))).toEqual({
      tokens: { ...tokens, providerAccountId: '1w72' },
      metadata: { username: 'spez' },
    });
    expect(h.requests[0]?.url).toBe('https://oauth.reddit.com/api/v1/me');
    expect(h.requests[0]?.headers).toMatchObject({ authorization: 'Bearer new-access', 'user-agent': REDDIT_USER_AGENT });
  });
});

describe('Reddit revocation (/api/v1/revoke_token)', () => {
  function revoke(tokens: { accessToken: string; refreshToken?: string }) {
    const hook = redditAuth.revoke;
    if (!hook || !h) throw new Error('reddit declares no revoke hook');
    return h.oauthHook((ctx) => hook({ ...tokens, scopes: [] }, ctx));
  }

  it("revokes the refresh token and counts Reddit's 204 as success", async () => {
    h = createTestHarness(reddit, { credentials: { accessToken: 'unused' } });
    h.on('POST', 'https://www.reddit.com/api/v1/revoke_token').reply(204);
    expect(await revoke({ accessToken: 'a-1', refreshToken: 'r-1' })).toBe(true);
    const req = h.requests[0];
    expect(req?.headers).toMatchObject({ authorization: BASIC, 'user-agent': REDDIT_USER_AGENT });
    expect(Object.fromEntries(req?.form() ?? [])).toEqual({ token: 'r-1', token_type_hint: 'refresh_token' });
  });

  it('revokes the access token when there is no refresh token', async () => {
    h = createTestHarness(reddit, { credentials: { accessToken: 'unused' } });
    h.on('POST', 'https://www.reddit.com/api/v1/revoke_token').reply(204);
    expect(await revoke({ accessToken: 'a-1' })).toBe(true);
    expect(Object.fromEntries(h.requests[0]?.form() ?? [])).toEqual({ token: 'a-1', token_type_hint: 'access_token' });
  });

  it('does not report a refused revocation (401, wrong client) as revoked', async () => {
    h = createTestHarness(reddit, { credentials: { accessToken: 'unused' } });
    h.on('POST', 'https://www.reddit.com/api/v1/revoke_token').reply(401, { message: 'Unauthorized', error: 401 });
    await expect(revoke({ accessToken: 'a-1', refreshToken: 'r-1' })).rejects.toMatchObject({ status: 401 });
  });
});
