import { isTokenResponseError } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import { slack } from './index.ts';
import { slackTokenResponse } from './token-response.ts';

/** What the engine is told when the token endpoint refuses: the code slackTokenResponse throws, as classifyTokenError reads it. */
function verdictFor(raw: Record<string, unknown>) {
  try {
    slackTokenResponse(raw);
  } catch (error) {
    if (!isTokenResponseError(error)) throw error;
    return { code: error.error, verdict: slack.auth.classifyTokenError?.({ error: error.error, status: 200 }) };
  }
  throw new Error('slackTokenResponse accepted a refusal');
}

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

  it('refuses an ok: false answer with a token-endpoint error the engine reads', () => {
    expect(() => slackTokenResponse({ ok: false, error: 'invalid_code' })).toThrow('The token endpoint refused: invalid_code');
  });

  it('a dead refresh token (ok: false at HTTP 200) moves the connection to needs_reauth instead of being retried (PROVIDERS S2)', () => {
    expect(verdictFor({ ok: false, error: 'invalid_refresh_token' })).toEqual({ code: 'invalid_refresh_token', verdict: 'needs_reauth' });
    expect(verdictFor({ ok: false, error: 'invalid_grant' })).toEqual({ code: 'invalid_grant', verdict: 'needs_reauth' });
    expect(verdictFor({ ok: false, error: 'token_revoked' })).toEqual({ code: 'token_revoked', verdict: 'revoked' });
  });

  it('a wrong client secret is the app’s fault (invalid_client), and an unknown code stays a retry', () => {
    expect(verdictFor({ ok: false, error: 'bad_client_secret' })).toEqual({ code: 'invalid_client', verdict: undefined });
    expect(verdictFor({ ok: false, error: 'ratelimited' })).toEqual({ code: 'ratelimited', verdict: undefined });
  });
});
