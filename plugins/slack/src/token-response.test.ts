import { describe, expect, it } from 'vitest';
import { slackTokenResponse } from './token-response.ts';

describe('oauth.v2.access response', () => {
  it('takes the bot token, comma-separated scopes and the workspace id', () => {
    const tokens = slackTokenResponse({
      ok: true,
      access_token: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
      token_type: 'bot',
      scope: 'chat:write,channels:read',
      bot_user_id: 'U0KRQLJ9H',
      app_id: 'A0KRD7HC3',
      team: { id: 'T9TK3CUKW', name: 'Slack Softball Team' },
      authed_user: { id: 'U1234', scope: 'chat:write', access_token: 'xoxp-1234', token_type: 'user' },
    });
    expect(tokens).toEqual({
      accessToken: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
      refreshToken: undefined,
      expiresAt: undefined,
      scopes: ['chat:write', 'channels:read'],
      tokenType: 'bot',
      providerAccountId: 'T9TK3CUKW',
    });
  });

  it('keeps the refresh token and expiry when token rotation is on', () => {
    const before = Date.now();
    const tokens = slackTokenResponse({
      ok: true,
      access_token: 'xoxe.xoxb-1-rotating',
      refresh_token: 'xoxe-1-refresh',
      expires_in: 43_200,
      team: { id: 'T1' },
    });
    expect(tokens.refreshToken).toBe('xoxe-1-refresh');
    expect(tokens.expiresAt?.getTime()).toBeGreaterThanOrEqual(before + 43_200_000);
  });

  it('refuses an ok: false answer', () => {
    expect(() => slackTokenResponse({ ok: false, error: 'invalid_code' })).toThrow('Slack refused the token request: invalid_code');
  });
});
