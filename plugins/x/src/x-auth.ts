/**
 * @module X's OAuth 2.0 (https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code):
 * authorization code with PKCE (required, S256), a confidential client authenticating with HTTP
 * Basic, `offline.access` for a refresh token. Access tokens last 2 hours; refresh tokens are
 * single-use and rotate on every refresh, so the new one must be stored (the engine's refresher
 * does, under its lease: one refresh per connection even when many calls find the token expired).
 */
import { oauth2, type TokenErrorVerdict } from '@patchbay/sdk';
import { z } from 'zod';

const me = z.object({ data: z.object({ id: z.string(), username: z.string() }) });

/**
 * X answers a spent or revoked refresh token with `invalid_request` ("Value passed for the token
 * was invalid"), not RFC 6749's `invalid_grant`. The engine only ever sends well-formed requests,
 * so on a refresh that code means the grant is dead: a person must authorize again.
 */
export function classifyXTokenError({ error }: { error?: string | undefined; status?: number | undefined }): TokenErrorVerdict | undefined {
  return error === 'invalid_request' ? 'needs_reauth' : undefined;
}

export const xAuth = oauth2({
  authorizationUrl: 'https://x.com/i/oauth2/authorize',
  tokenUrl: 'https://api.x.com/2/oauth2/token',
  revokeUrl: 'https://api.x.com/2/oauth2/revoke',
  scopes: ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'],
  scopeSeparator: ' ',
  pkce: true,
  clientAuth: 'basic',
  refresh: { supported: true, defaultExpiresInSeconds: 7200 },
  classifyTokenError: classifyXTokenError,
  // The token response names no user: ask /2/users/me so the connection knows its account.
  afterExchange: async (tokens, ctx) => {
    const res = await ctx.http.get('https://api.x.com/2/users/me', {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      schema: me,
    });
    return {
      tokens: { ...tokens, providerAccountId: res.data.data.id },
      metadata: { username: res.data.data.username },
    };
  },
});
