/**
 * @module LinkedIn's OAuth 2.0 (3-legged) descriptor and the headers every REST call carries.
 * Reference: https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
 * and https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
 */
import { oauth2 } from '@patchbay/sdk';
import { linkedinTokenResponse } from './token-response.ts';

/**
 * One pinned version for every call (https://learn.microsoft.com/en-us/linkedin/marketing/versioning):
 * versions are monthly and each is supported for at least a year, so this must be bumped (and the
 * fixtures checked) before it is sunset (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/migrations).
 * 202607 (July 2026, no breaking changes to posts, images, comments or statistics) is the newest
 * found listed when this was written; 202601 would be sunset on 15 January 2027.
 */
export const LINKEDIN_VERSION = '202607';

const REVOKE_URL = 'https://www.linkedin.com/oauth/v2/revoke';

export const linkedinAuth = oauth2({
  authorizationUrl: 'https://www.linkedin.com/oauth/v2/authorization',
  tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
  revokeUrl: REVOKE_URL,
  scopes: ['r_organization_social', 'w_organization_social', 'rw_organization_admin'],
  scopeSeparator: ' ',
  // Web apps get no PKCE, and LinkedIn takes the client secret only in the form body.
  pkce: false,
  clientAuth: 'body',
  parseTokenResponse: linkedinTokenResponse,
  // Access tokens live 60 days. Only apps approved for programmatic refresh get a refresh token;
  // for every other app the engine finds none at expiry and marks the connection needs_reauth
  // ("the provider gave no refresh token; authorize again").
  refresh: { supported: true },
  // LinkedIn revokes the member's grant through the access token (a refresh token is not accepted
  // there), so send it even when a refresh token exists; a 2xx is the confirmation.
  revoke: async (tokens, ctx) => {
    const res = await ctx.http.post(REVOKE_URL, {
      form: { client_id: ctx.client.id, client_secret: ctx.client.secret, token: tokens.accessToken },
    });
    return res.status >= 200 && res.status < 300;
  },
  apply: (credentials, request) => {
    request.headers.authorization = `Bearer ${credentials.accessToken}`;
    request.headers['linkedin-version'] = LINKEDIN_VERSION;
    request.headers['x-restli-protocol-version'] = '2.0.0';
  },
});
