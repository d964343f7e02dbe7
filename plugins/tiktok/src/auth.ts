/**
 * @module TikTok Login Kit OAuth v2 (https://developers.tiktok.com/doc/oauth-user-access-token-management):
 * the client id is called `client_key` everywhere (authorize, token, revoke), the secret goes in
 * the form body, scopes are comma-separated, access tokens live 24 hours and refresh tokens a
 * year, and a refresh may hand back a different refresh token (the engine stores whatever comes).
 */
import { oauth2, TokenResponseError, type TokenSet } from '@patchbay/sdk';

const DAY_S = 24 * 3600;

/** The token answer: standard fields plus `open_id`, the user's id for this app (the account id). */
export function tiktokTokenResponse(raw: Record<string, unknown>): TokenSet {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  // TikTok may refuse with `{ error, error_description, log_id }` at HTTP 200: read it as an OAuth
  // error, so a spent refresh token (`invalid_grant`) makes the connection needs_reauth.
  const refused = text(raw.error);
  if (refused) throw new TokenResponseError(refused);
  const accessToken = text(raw.access_token);
  if (!accessToken) throw new TokenResponseError('no_access_token');
  return {
    accessToken,
    refreshToken: text(raw.refresh_token),
    expiresAt: typeof raw.expires_in === 'number' ? new Date(Date.now() + raw.expires_in * 1000) : undefined,
    scopes: text(raw.scope)?.split(',').filter(Boolean),
    tokenType: text(raw.token_type),
    providerAccountId: text(raw.open_id),
  };
}

export const tiktokAuth = oauth2({
  authorizationUrl: 'https://www.tiktok.com/v2/auth/authorize/',
  tokenUrl: 'https://open.tiktokapis.com/v2/oauth/token/',
  revokeUrl: 'https://open.tiktokapis.com/v2/oauth/revoke/',
  scopes: ['user.info.basic', 'video.publish', 'video.upload', 'video.list'],
  scopeSeparator: ',',
  // PKCE is required for mobile and desktop apps only; a server-side web app uses the secret.
  pkce: false,
  clientAuth: 'body',
  clientIdParam: 'client_key',
  parseTokenResponse: tiktokTokenResponse,
  refresh: { supported: true, defaultExpiresInSeconds: DAY_S },
});
