/**
 * @module TikTok API for Business advertiser authorization
 * (https://business-api.tiktok.com/portal/docs?id=1738373164380162; advertiser list
 * https://business-api.tiktok.com/portal/docs?id=1738455508553729): the callback carries
 * `auth_code`, the exchange is a JSON POST `{ app_id, secret, auth_code }` answered with HTTP 200
 * and a `code`, the advertiser token does not expire and goes in an `Access-Token` header.
 */
import { oauth2, TokenResponseError } from '@patchbay/sdk';
import { z } from 'zod';
import { API_BASE, envelope } from './envelope.ts';

const advertisers = envelope(z.object({ list: z.array(z.object({ advertiser_id: z.string(), advertiser_name: z.string() })) }));
const revoked = z.object({ code: z.number() });

export const tiktokAdsAuth = oauth2({
  authorizationUrl: 'https://business-api.tiktok.com/portal/auth',
  tokenUrl: `${API_BASE}/oauth2/access_token/`,
  // Permissions are chosen on the app in the TikTok developer portal, not per request.
  scopes: [],
  pkce: false,
  clientIdParam: 'app_id',
  callbackCodeParam: 'auth_code',
  tokenRequest: ({ params, client }) => ({ json: { app_id: client.id, secret: client.secret, auth_code: params.code } }),
  parseTokenResponse: (raw) => {
    // 40110: the auth_code is invalid, used or older than its 10-minute life: authorize again.
    if (raw.code !== 0) throw new TokenResponseError(raw.code === 40110 ? 'invalid_grant' : `tiktok_${String(raw.code)}`);
    const data = z.object({ access_token: z.string().min(1), scope: z.array(z.unknown()).optional() }).parse(raw.data);
    return { accessToken: data.access_token, scopes: data.scope?.map(String) };
  },
  // The advertiser list needs the app secret, which actions never see: read it once here and keep
  // it with the connection; discover and listAdvertisers then check each against the token.
  afterExchange: async (tokens, ctx) => {
    const res = await ctx.http.get(`${API_BASE}/oauth2/advertiser/get/`, {
      query: { app_id: ctx.client.id, secret: ctx.client.secret },
      headers: { 'access-token': tokens.accessToken },
      schema: advertisers,
    });
    return { metadata: { advertisers: res.data.data.list.map((a) => ({ id: a.advertiser_id, name: a.advertiser_name })) } };
  },
  refresh: { supported: false },
  apply: (credentials, request) => {
    request.headers['access-token'] = credentials.accessToken;
  },
  // Revocation as PROVIDERS.md B.7 gives it (oauth2/revoke_token/, JSON, HTTP 200 with a code).
  revoke: async (tokens, ctx) => {
    const res = await ctx.http.post(`${API_BASE}/oauth2/revoke_token/`, {
      json: { app_id: ctx.client.id, secret: ctx.client.secret, access_token: tokens.accessToken },
      schema: revoked,
    });
    return res.data.code === 0;
  },
});
