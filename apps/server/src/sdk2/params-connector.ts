/**
 * @module Test connectors for connection parameters and account choice, end to end:
 * - `shoplike`, Shopify-shaped: a `{shop}` connection parameter names the host of its API and of
 *   its OAuth endpoints (`{shop}.myshopify.com`, Shopify's own host pattern). The real connector
 *   says `https://`; here the scheme and port are the local fake's, the host pattern is the real one.
 * - `shopkey`, a Shopify custom app: the same per-shop host with a pasted Admin API token, so the
 *   params come with `connections.create`.
 * - `pageslike`, Facebook-Pages-shaped: `discover` lists the user's Pages with their Page tokens,
 *   and actions post as the chosen Page, with its token.
 */
import { apiKey, defineActionFor, defineConnector, oauth2 } from '@patchbay/sdk';
import { z } from 'zod';

export const SHOP_HOST = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
export const shopParams = z.object({ shop: z.string().min(1).max(60) });

export function shopLike(port: number) {
  const origin = `http://{shop}.myshopify.com:${port}`;
  const auth = oauth2({
    authorizationUrl: `${origin}/admin/oauth/authorize`,
    tokenUrl: `${origin}/admin/oauth/access_token`,
    scopes: ['read_products'],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    // Shopify's expiring offline tokens (`expiring=1`): an hour, refreshed at the shop's own host.
    refresh: { supported: true },
  });
  const defineShopAction = defineActionFor(auth, { params: shopParams });
  return defineConnector({
    id: 'shoplike',
    name: 'Shop-like',
    version: '1.0.0',
    description: 'A per-shop host, for API and OAuth alike',
    auth,
    connectionParams: shopParams,
    hostPatterns: { shop: SHOP_HOST },
    baseUrls: [origin],
    actions: {
      shopInfo: defineShopAction({
        description: 'The shop this connection is for, as its API host sees it',
        input: z.object({}),
        output: z.object({ shop: z.string(), servedBy: z.string() }),
        idempotent: true,
        run: async (_input, ctx) => {
          const res = await ctx.http.get('/admin/api/2026-10/shop.json', { schema: z.object({ host: z.string() }) });
          return { shop: ctx.connection.params.shop, servedBy: res.data.host };
        },
      }),
    },
  });
}

export const CUSTOM_APP_TOKEN = 'shpat_custom_app_token';

const shopKeyAuth = apiKey({
  fields: z.object({ token: z.string().startsWith('shpat_') }),
  apply: (credentials, request) => {
    request.headers['x-shopify-access-token'] = credentials.token;
  },
});

export function shopKey(port: number) {
  const defineShopKeyAction = defineActionFor(shopKeyAuth, { params: shopParams });
  return defineConnector({
    id: 'shopkey',
    name: 'Shop (custom app)',
    version: '1.0.0',
    description: 'A per-shop host with a pasted Admin API token',
    auth: shopKeyAuth,
    connectionParams: shopParams,
    hostPatterns: { shop: SHOP_HOST },
    baseUrls: [`http://{shop}.myshopify.com:${port}`],
    healthCheck: async (ctx) => {
      await ctx.http.get('/admin/api/2026-10/shop.json');
    },
    actions: {
      shopInfo: defineShopKeyAction({
        description: 'The shop this connection is for',
        input: z.object({}),
        output: z.object({ shop: z.string(), servedBy: z.string() }),
        idempotent: true,
        run: async (_input, ctx) => {
          const res = await ctx.http.get('/admin/api/2026-10/shop.json', { schema: z.object({ host: z.string() }) });
          return { shop: ctx.connection.params.shop, servedBy: res.data.host };
        },
      }),
    },
  });
}

const pagesAuth = (upstream: string) =>
  oauth2({
    authorizationUrl: `${upstream}/dialog/oauth`,
    tokenUrl: `${upstream}/oauth/access_token`,
    scopes: ['pages_show_list', 'pages_manage_posts'],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    // Meta's user tokens do not refresh; this one does, so a test sees the Page token outlive a refresh.
    refresh: { supported: true, defaultExpiresInSeconds: 60 * 24 * 3600 },
  });

const pageList = z.object({
  data: z.array(z.object({ id: z.string(), name: z.string(), category: z.string(), access_token: z.string() })),
});

export function pagesLike(upstream: string) {
  const auth = pagesAuth(upstream);
  const definePagesAction = defineActionFor(auth);
  return defineConnector({
    id: 'pageslike',
    name: 'Pages-like',
    version: '1.0.0',
    description: 'Posts as one Page of the user, with that Page token',
    auth,
    baseUrls: [upstream],
    discover: async (ctx) => {
      const res = await ctx.http.get('/me/accounts', { schema: pageList });
      return res.data.data.map((page) => ({
        id: page.id,
        name: page.name,
        metadata: { category: page.category },
        credentials: { accessToken: page.access_token },
      }));
    },
    actions: {
      publishPost: definePagesAction({
        description: 'Posts on the chosen Page',
        input: z.object({ message: z.string().min(1) }),
        output: z.object({ id: z.string(), page: z.string() }),
        run: async (input, ctx) => {
          const page = ctx.connection.account?.id ?? '';
          const res = await ctx.http.post(`/${page}/feed`, { json: input, schema: z.object({ id: z.string() }) });
          return { id: res.data.id, page: ctx.connection.account?.name ?? '' };
        },
      }),
    },
  });
}
