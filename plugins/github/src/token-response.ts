import { ConnectorError, type TokenSet } from '@patchbay/sdk';

/**
 * The OAuth app token response (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#2-users-are-redirected-back-to-your-site-by-github),
 * asked for as JSON: `{ access_token, token_type: 'bearer', scope: 'repo,gist' }`. Granted scopes
 * are comma-separated (the authorization URL takes them space-separated), and a refused exchange
 * is HTTP 200 with `error` and `error_description`. OAuth app tokens carry no expiry.
 */
export function githubTokenResponse(raw: Record<string, unknown>): TokenSet {
  if (typeof raw.access_token !== 'string' || raw.access_token === '') {
    throw new ConnectorError('AUTH_INVALID', `GitHub refused the token request: ${String(raw.error ?? 'no access_token')}`, {
      providerCode: typeof raw.error === 'string' ? raw.error : undefined,
    });
  }
  return {
    accessToken: raw.access_token,
    refreshToken: typeof raw.refresh_token === 'string' ? raw.refresh_token : undefined,
    expiresAt: typeof raw.expires_in === 'number' ? new Date(Date.now() + raw.expires_in * 1000) : undefined,
    scopes:
      typeof raw.scope === 'string'
        ? raw.scope
            .split(/[,\s]+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    tokenType: typeof raw.token_type === 'string' ? raw.token_type : undefined,
  };
}
