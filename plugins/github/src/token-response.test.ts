import { describe, expect, it } from 'vitest';
import { githubTokenResponse } from './token-response.ts';

describe('GitHub OAuth app token response', () => {
  it('takes the token and splits the comma-separated scopes; OAuth app tokens do not expire', () => {
    expect(
      githubTokenResponse({ access_token: 'gho_16C7e42F292c6912E7710c838347Ae178B4a', scope: 'repo,gist', token_type: 'bearer' }),
    ).toEqual({
      accessToken: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
      refreshToken: undefined,
      expiresAt: undefined,
      scopes: ['repo', 'gist'],
      tokenType: 'bearer',
    });
  });

  it('reads an empty scope as no scopes', () => {
    expect(githubTokenResponse({ access_token: 'gho_x', scope: '', token_type: 'bearer' }).scopes).toEqual([]);
  });

  it('refuses a 200 that carries an error instead of a token', () => {
    expect(() =>
      githubTokenResponse({
        error: 'bad_verification_code',
        error_description: 'The code passed is incorrect or expired.',
        error_uri:
          'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code',
      }),
    ).toThrow('GitHub refused the token request: bad_verification_code');
  });
});
