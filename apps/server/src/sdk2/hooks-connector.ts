/**
 * @module A test connector that uses every OAuth hook at once, against hooks-provider.ts:
 * `clientIdParam` and `callbackCodeParam` (TikTok's `client_key`, TikTok Business's `auth_code`),
 * a built JSON token request whose `code != 0` answers become classified errors, `afterExchange`
 * (short-lived to long-lived, plus metadata), `refresh.run` without a refresh token, refreshed
 * 10 days before expiry, `apply` (`Access-Token` header) and `revoke` with its own success test.
 */
import { defineActionFor, defineConnector, oauth2, TokenResponseError, type TokenSet } from '@patchbay/sdk';
import { z } from 'zod';

const DAY_MS = 24 * 3600 * 1000;
const longLived = z.object({ access_token: z.string(), expires_in: z.number() });
const fromLongLived = (data: z.output<typeof longLived>, providerAccountId?: string): TokenSet => ({
  accessToken: data.access_token,
  expiresAt: new Date(Date.now() + data.expires_in * 1000),
  providerAccountId,
});

export function hooksAuth(origin: string) {
  return oauth2({
    authorizationUrl: `${origin}/portal/auth`,
    tokenUrl: `${origin}/oauth/token/`,
    scopes: ['user.info.basic'],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    clientIdParam: 'client_key',
    callbackCodeParam: 'auth_code',
    tokenRequest: ({ params, client }) => ({ json: { client_key: client.id, secret: client.secret, auth_code: params.code } }),
    parseTokenResponse: (raw) => {
      if (raw.code !== 0) throw new TokenResponseError(raw.code === 40001 ? 'invalid_grant' : 'provider_error');
      const data = raw.data as { access_token: string; expires_in: number; open_id: string };
      return { accessToken: data.access_token, expiresAt: new Date(Date.now() + data.expires_in * 1000), providerAccountId: data.open_id };
    },
    afterExchange: async (tokens, ctx) => {
      const res = await ctx.http.get(`${origin}/oauth/long_lived`, {
        query: { grant_type: 'exchange_token', client_secret: ctx.client.secret, access_token: tokens.accessToken },
        schema: longLived,
      });
      return { tokens: fromLongLived(res.data, tokens.providerAccountId), metadata: { tokenKind: 'long-lived' } };
    },
    refresh: {
      refreshBeforeMs: 10 * DAY_MS,
      run: async (current, ctx) => {
        const res = await ctx.http.get(`${origin}/refresh_access_token`, {
          query: { grant_type: 'tok_refresh_token', access_token: current.accessToken },
          schema: longLived,
        });
        return fromLongLived(res.data);
      },
    },
    // A Graph-style 400 to a refresh means the token is dead.
    classifyTokenError: ({ status }) => (status === 400 ? 'needs_reauth' : undefined),
    apply: (credentials, request) => {
      request.headers['access-token'] = credentials.accessToken;
    },
    revoke: async (tokens, ctx) => {
      const res = await ctx.http.post(`${origin}/oauth/revoke`, {
        json: { token: tokens.accessToken },
        schema: z.object({ ok: z.boolean() }),
      });
      return res.data.ok;
    },
  });
}

export function hooksConnector(origin: string) {
  const auth = hooksAuth(origin);
  const defineTokAction = defineActionFor(auth);
  return defineConnector({
    id: 'tok',
    name: 'Tok (OAuth hooks)',
    version: '1.0.0',
    description: 'Test connector for the OAuth hooks',
    auth,
    baseUrls: [`${origin}/v1`],
    actions: {
      me: defineTokAction({
        description: 'The connected account',
        input: z.object({}),
        output: z.object({ name: z.string() }),
        run: async (_input, ctx) => {
          const res = await ctx.http.get('/me', { schema: z.object({ data: z.object({ display_name: z.string() }) }) });
          return { name: res.data.data.display_name };
        },
      }),
    },
  });
}
