/**
 * @module Facebook Login for a Page connection
 * (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow).
 * The code is exchanged with a GET carrying the app secret as a parameter; the short-lived user
 * token (about an hour) is then swapped for a long-lived one (about 60 days, `fb_exchange_token`,
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived).
 * Page tokens fetched with a long-lived user token do not expire, so there is no refresh: the
 * user token's expiry only limits listing Pages again, and a dead Page token (error 190) asks for
 * a new login. Revoking deletes the app's permissions for the user (`DELETE /me/permissions`).
 */
import { oauth2 } from '@patchbay/sdk';
import { z } from 'zod';
import { GRAPH_BASE, GRAPH_VERSION } from './graph.ts';

export const PAGE_SCOPES = [
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'pages_manage_engagement',
  'read_insights',
  'pages_manage_metadata',
];

const longLived = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() });
const DAY_S = 24 * 3600;

export const facebookAuth = oauth2({
  authorizationUrl: `https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth`,
  tokenUrl: `${GRAPH_BASE}/oauth/access_token`,
  scopes: PAGE_SCOPES,
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
  tokenRequest: { method: 'GET' },
  refresh: { supported: false },
  afterExchange: async (tokens, ctx) => {
    const res = await ctx.http.get(`${GRAPH_BASE}/oauth/access_token`, {
      query: {
        grant_type: 'fb_exchange_token',
        client_id: ctx.client.id,
        client_secret: ctx.client.secret,
        fb_exchange_token: tokens.accessToken,
      },
      schema: longLived,
    });
    const me = await ctx.http.get(`${GRAPH_BASE}/me`, {
      query: { fields: 'id,name' },
      headers: { authorization: `Bearer ${res.data.access_token}` },
      schema: z.object({ id: z.string(), name: z.string().optional() }),
    });
    // Meta omits expires_in on some long-lived tokens; 60 days is what the guide promises.
    const expiresAt = new Date(Date.now() + (res.data.expires_in ?? 60 * DAY_S) * 1000);
    return {
      tokens: { accessToken: res.data.access_token, expiresAt, providerAccountId: me.data.id, scopes: tokens.scopes },
      metadata: { userId: me.data.id, tokenKind: 'long-lived' },
    };
  },
  revoke: async (tokens, ctx) => {
    // https://developers.facebook.com/docs/graph-api/reference/user/permissions/#Deleting
    const res = await ctx.http.delete(`${GRAPH_BASE}/me/permissions`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      schema: z.object({ success: z.boolean() }),
    });
    return res.data.success;
  },
});
