import { describe, expect, it } from 'vitest';
import { tiktokAuth, tiktokTokenResponse } from './auth.ts';

describe('TikTok OAuth', () => {
  it('names the client client_key and sends the secret in the body', () => {
    expect(tiktokAuth).toMatchObject({ clientIdParam: 'client_key', clientAuth: 'body', scopeSeparator: ',' });
  });

  it('takes open_id as the account, comma scopes, 24 h expiry and the (possibly new) refresh token', () => {
    const before = Date.now();
    const tokens = tiktokTokenResponse({
      open_id: 'afd97af1-b87b-48b9-ac98-410aghda5344',
      scope: 'user.info.basic,video.publish',
      access_token: 'act.example12345',
      expires_in: 86400,
      refresh_token: 'rft.example12345',
      refresh_expires_in: 31536000,
      token_type: 'Bearer',
    });
    expect(tokens).toMatchObject({
      accessToken: 'act.example12345',
      refreshToken: 'rft.example12345',
      providerAccountId: 'afd97af1-b87b-48b9-ac98-410aghda5344',
      scopes: ['user.info.basic', 'video.publish'],
    });
    expect((tokens.expiresAt?.getTime() ?? 0) - before).toBeGreaterThanOrEqual(86_400_000);
  });

  it('reads a refusal at HTTP 200 as the OAuth error it names, so a dead refresh token needs re-auth', () => {
    expect(() =>
      tiktokTokenResponse({ error: 'invalid_grant', error_description: 'Refresh token is invalid or expired.', log_id: '1' }),
    ).toThrow(expect.objectContaining({ name: 'TokenResponseError', error: 'invalid_grant' }));
    expect(() => tiktokTokenResponse({ scope: 'user.info.basic' })).toThrow(expect.objectContaining({ error: 'no_access_token' }));
  });
});
