/**
 * @module The OAuth hook examples in docs/connector-authoring.md section 3, verbatim
 * (docs-oauth-hooks.test.ts checks each marked block appears here and runs them against
 * MockAgent): `pnpm check` type-checks them.
 */
import { z } from 'zod';
import { oauth2 } from '../auth/define-auth.ts';
import { TokenResponseError } from '../auth/token-response-error.ts';

export const shopifyAuth = oauth2({
  authorizationUrl: 'https://example.myshopify.com/admin/oauth/authorize',
  tokenUrl: 'https://example.myshopify.com/admin/oauth/access_token',
  scopes: ['read_orders'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
  extraTokenParams: { expiring: '1' },
  apply: (credentials, request) => {
    request.headers['x-shopify-access-token'] = credentials.accessToken;
  },
});

export const tiktokAuth = oauth2({
  authorizationUrl: 'https://www.tiktok.com/v2/auth/authorize/',
  tokenUrl: 'https://open.tiktokapis.com/v2/oauth/token/',
  revokeUrl: 'https://open.tiktokapis.com/v2/oauth/revoke/',
  scopes: ['user.info.basic', 'video.publish'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
  clientIdParam: 'client_key',
});

export const tiktokAdsAuth = oauth2({
  authorizationUrl: 'https://business-api.tiktok.com/portal/auth',
  tokenUrl: 'https://business-api.tiktok.com/open_api/v1.3/oauth2/access_token/',
  scopes: [],
  pkce: false,
  clientIdParam: 'app_id',
  callbackCodeParam: 'auth_code',
  tokenRequest: ({ params, client }) => ({ json: { app_id: client.id, secret: client.secret, auth_code: params.code } }),
  parseTokenResponse: (raw) => {
    // Failures come back as HTTP 200 with a non-zero code.
    if (raw.code !== 0) throw new TokenResponseError(`tiktok_${String(raw.code)}`);
    return { accessToken: String((raw.data as { access_token: string }).access_token) };
  },
  refresh: { supported: false },
  apply: (credentials, request) => {
    request.headers['access-token'] = credentials.accessToken;
  },
});

const graphToken = z.object({ access_token: z.string(), expires_in: z.number() });
const DAY_S = 24 * 3600;

export const metaAuth = oauth2({
  authorizationUrl: 'https://www.facebook.com/v25.0/dialog/oauth',
  tokenUrl: 'https://graph.facebook.com/v25.0/oauth/access_token',
  scopes: ['pages_show_list', 'pages_manage_posts'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
  tokenRequest: { method: 'GET' },
  refresh: { supported: false },
  afterExchange: async (tokens, ctx) => {
    const res = await ctx.http.get('https://graph.facebook.com/v25.0/oauth/access_token', {
      query: {
        grant_type: 'fb_exchange_token',
        client_id: ctx.client.id,
        client_secret: ctx.client.secret,
        fb_exchange_token: tokens.accessToken,
      },
      schema: graphToken,
    });
    const me = await ctx.http.get('https://graph.facebook.com/v25.0/me', {
      query: { access_token: res.data.access_token },
      schema: z.object({ id: z.string() }),
    });
    const expiresAt = new Date(Date.now() + res.data.expires_in * 1000);
    return { tokens: { accessToken: res.data.access_token, expiresAt, providerAccountId: me.data.id }, metadata: { userId: me.data.id } };
  },
});

export const instagramAuth = oauth2({
  authorizationUrl: 'https://www.instagram.com/oauth/authorize',
  tokenUrl: 'https://api.instagram.com/oauth/access_token',
  scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
  refresh: {
    defaultExpiresInSeconds: 60 * DAY_S,
    // Tokens live 60 days and die unless refreshed: the refresh cron renews them at day 50.
    refreshBeforeMs: 10 * DAY_S * 1000,
    run: async (current, ctx) => {
      const res = await ctx.http.get('https://graph.instagram.com/refresh_access_token', {
        query: { grant_type: 'ig_refresh_token', access_token: current.accessToken },
        schema: graphToken,
      });
      return { accessToken: res.data.access_token, expiresAt: new Date(Date.now() + res.data.expires_in * 1000) };
    },
  },
  // Graph answers a dead token with HTTP 400 (error 190).
  classifyTokenError: ({ status }) => (status === 400 ? 'needs_reauth' : undefined),
});

export const slackAuth = oauth2({
  authorizationUrl: 'https://slack.com/oauth/v2/authorize',
  tokenUrl: 'https://slack.com/api/oauth.v2.access',
  scopes: ['chat:write'],
  scopeSeparator: ',',
  pkce: false,
  revoke: async (tokens, ctx) => {
    // auth.revoke authenticates with the token itself and says `ok: false` at HTTP 200 when it fails.
    const res = await ctx.http.post('https://slack.com/api/auth.revoke', {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      schema: z.object({ ok: z.boolean() }),
    });
    return res.data.ok;
  },
});
