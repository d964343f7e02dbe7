/**
 * @module Business Login for Instagram
 * (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login).
 * The code gives a short-lived token (one hour); `afterExchange` swaps it at once for a 60-day
 * one (`ig_exchange_token`, https://developers.facebook.com/docs/instagram-platform/reference/access_token)
 * and records the professional account's id. There is no refresh token: a token at least 24 hours
 * old and still valid is renewed for 60 days with `ig_refresh_token`
 * (https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token), so
 * the refresh cron renews it 10 days before expiry even when nobody calls. There is no revoke endpoint.
 */
import { oauth2, TokenResponseError } from '@patchbay/sdk';
import { z } from 'zod';
import { IG_GRAPH_BASE, IG_GRAPH_ORIGIN } from './graph.ts';

export const IG_SCOPES = ['instagram_business_basic', 'instagram_business_content_publish', 'instagram_business_manage_comments'];

const DAY_S = 24 * 3600;
const graphToken = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() });
const expiry = (seconds: number | undefined) => new Date(Date.now() + (seconds ?? 60 * DAY_S) * 1000);

/** The code exchange answers `{ data: [{ access_token, user_id, permissions }] }` (older apps: the same fields flat). */
export function instagramTokenResponse(raw: Record<string, unknown>) {
  const entry = Array.isArray(raw.data) ? (raw.data[0] as Record<string, unknown> | undefined) : raw;
  const token = entry?.access_token;
  if (typeof token !== 'string' || token === '') throw new TokenResponseError('invalid_grant');
  const permissions = entry?.permissions;
  const scopes = Array.isArray(permissions)
    ? permissions.map(String)
    : typeof permissions === 'string'
      ? permissions.split(',').filter(Boolean)
      : undefined;
  // The short-lived token lives an hour; afterExchange replaces it straight away.
  return { accessToken: token, expiresAt: expiry(3600), ...(scopes ? { scopes } : {}) };
}

export const instagramAuth = oauth2({
  authorizationUrl: 'https://www.instagram.com/oauth/authorize',
  tokenUrl: 'https://api.instagram.com/oauth/access_token',
  scopes: IG_SCOPES,
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
  parseTokenResponse: instagramTokenResponse,
  afterExchange: async (tokens, ctx) => {
    const res = await ctx.http.get(`${IG_GRAPH_ORIGIN}/access_token`, {
      query: { grant_type: 'ig_exchange_token', client_secret: ctx.client.secret, access_token: tokens.accessToken },
      schema: graphToken,
    });
    const me = await ctx.http.get(`${IG_GRAPH_BASE}/me`, {
      query: { fields: 'user_id,username' },
      headers: { authorization: `Bearer ${res.data.access_token}` },
      schema: z.object({ id: z.string(), user_id: z.string().optional(), username: z.string().optional() }),
    });
    const igUserId = me.data.user_id ?? me.data.id;
    return {
      tokens: {
        accessToken: res.data.access_token,
        expiresAt: expiry(res.data.expires_in),
        providerAccountId: igUserId,
        scopes: tokens.scopes,
      },
      metadata: { igUserId, username: me.data.username ?? null },
    };
  },
  refresh: {
    supported: true,
    defaultExpiresInSeconds: 60 * DAY_S,
    // Tokens die after 60 days unless renewed: the refresh cron renews them at day 50.
    refreshBeforeMs: 10 * DAY_S * 1000,
    run: async (current, ctx) => {
      const res = await ctx.http.get(`${IG_GRAPH_ORIGIN}/refresh_access_token`, {
        query: { grant_type: 'ig_refresh_token', access_token: current.accessToken },
        schema: graphToken,
      });
      return { accessToken: res.data.access_token, expiresAt: expiry(res.data.expires_in), scopes: [...current.scopes] };
    },
  },
  // Graph answers a dead or expired token with HTTP 400 (error 190): only a new login helps.
  classifyTokenError: ({ status }) => (status === 400 || status === 401 ? 'needs_reauth' : undefined),
});
