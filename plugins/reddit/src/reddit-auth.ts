/**
 * @module Reddit's OAuth 2.0 (https://github.com/reddit-archive/reddit/wiki/OAuth2): a "web app"
 * client authenticating with HTTP Basic, `duration=permanent` on authorize for a refresh token
 * (else tokens end after an hour), API calls on oauth.reddit.com. Reddit throttles or blocks
 * generic User-Agents (https://github.com/reddit-archive/reddit/wiki/API#rules), so every
 * request we make carries REDDIT_USER_AGENT: the API calls through `apply`, the token requests
 * through `tokenRequest`, revocation and the account lookup in their hooks.
 */
import { oauth2, type TokenHttpRequest, type TokenRequestContext } from '@patchbay/sdk';
import { z } from 'zod';

/** `<platform>:<app id>:<version> (by /u/<username>)`, the form Reddit's API rules ask for. */
export const REDDIT_USER_AGENT = 'web:dev.patchbay.connector-reddit:0.1.0 (by /u/patchbay-dev)';

const basic = (client: { id: string; secret: string }) => `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;

/** The standard form POST with Basic client auth, plus our User-Agent (the engine's default is generic). */
export function redditTokenRequest({ grantType, params, client }: TokenRequestContext): TokenHttpRequest {
  return {
    method: 'POST',
    headers: { authorization: basic(client), 'user-agent': REDDIT_USER_AGENT },
    form: { grant_type: grantType, ...params },
  };
}

const me = z.object({ id: z.string(), name: z.string() });

export const redditAuth = oauth2({
  authorizationUrl: 'https://www.reddit.com/api/v1/authorize',
  tokenUrl: 'https://www.reddit.com/api/v1/access_token',
  revokeUrl: 'https://www.reddit.com/api/v1/revoke_token',
  scopes: ['identity', 'submit', 'read', 'mysubreddits'],
  scopeSeparator: ' ',
  pkce: false,
  clientAuth: 'basic',
  extraAuthorizationParams: { duration: 'permanent' },
  tokenRequest: redditTokenRequest,
  refresh: { supported: true, defaultExpiresInSeconds: 3600 },
  apply: (credentials, request) => {
    request.headers.authorization = `Bearer ${credentials.accessToken}`;
    request.headers['user-agent'] = REDDIT_USER_AGENT;
  },
  // The token response names no user: /api/v1/me gives the account id (`identity` scope).
  afterExchange: async (tokens, ctx) => {
    const res = await ctx.http.get('https://oauth.reddit.com/api/v1/me', {
      headers: { authorization: `Bearer ${tokens.accessToken}`, 'user-agent': REDDIT_USER_AGENT },
      schema: me,
    });
    return { tokens: { ...tokens, providerAccountId: res.data.id }, metadata: { username: res.data.name } };
  },
  // RFC 7009 at /api/v1/revoke_token; Reddit confirms with 204 and no body. Revoking the refresh
  // token ends the access tokens issued from it too.
  revoke: async (tokens, ctx) => {
    const res = await ctx.http.post('https://www.reddit.com/api/v1/revoke_token', {
      headers: { authorization: basic(ctx.client), 'user-agent': REDDIT_USER_AGENT },
      form: tokens.refreshToken
        ? { token: tokens.refreshToken, token_type_hint: 'refresh_token' }
        : { token: tokens.accessToken, token_type_hint: 'access_token' },
    });
    return res.status >= 200 && res.status < 300;
  },
});
