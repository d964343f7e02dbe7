/**
 * @module The connection-parameter and account-choice code in docs/connector-authoring.md,
 * verbatim (params-examples.test.ts checks each marked block appears here and runs it).
 */
import { z } from 'zod';
import { oauth2 } from '../auth/define-auth.ts';
import { defineActionFor, defineConnector } from '../define.ts';

const shopParams = z.object({ shop: z.string().min(1).max(60) });
const shopAuth = oauth2({
  authorizationUrl: 'https://{shop}.myshopify.com/admin/oauth/authorize',
  tokenUrl: 'https://{shop}.myshopify.com/admin/oauth/access_token',
  scopes: ['read_products'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
});
const defineShopAction = defineActionFor(shopAuth, { params: shopParams });

export const shopify = defineConnector({
  id: 'shopify',
  name: 'Shopify',
  version: '1.0.0',
  description: 'Shopify Admin API',
  auth: shopAuth,
  connectionParams: shopParams,
  // Every {shop} must give a host this pattern matches, whole; anything else is never called.
  hostPatterns: { shop: /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/ },
  baseUrls: ['https://{shop}.myshopify.com'],
  actions: {
    shopName: defineShopAction({
      description: 'The shop name',
      input: z.object({}),
      output: z.object({ shop: z.string(), name: z.string() }),
      run: async (_input, ctx) => {
        const res = await ctx.http.get('/admin/api/2026-10/shop.json', { schema: z.object({ shop: z.object({ name: z.string() }) }) });
        return { shop: ctx.connection.params.shop, name: res.data.shop.name }; // params.shop: string
      },
    }),
  },
});

const pagesAuth = oauth2({
  authorizationUrl: 'https://www.facebook.com/v25.0/dialog/oauth',
  tokenUrl: 'https://graph.facebook.com/v25.0/oauth/access_token',
  scopes: ['pages_show_list', 'pages_manage_posts'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
  refresh: { supported: false },
});
const definePagesAction = defineActionFor(pagesAuth);
const pages = z.object({ data: z.array(z.object({ id: z.string(), name: z.string(), access_token: z.string() })) });

export const facebookPages = defineConnector({
  id: 'facebook-pages',
  name: 'Facebook Pages',
  version: '1.0.0',
  description: 'Post as a Page',
  auth: pagesAuth,
  baseUrls: ['https://graph.facebook.com'],
  // The Pages this user token can act for, each with its own Page token (sealed, never shown).
  discover: async (ctx) => {
    const res = await ctx.http.get('/v25.0/me/accounts', { schema: pages });
    return res.data.data.map((p) => ({ id: p.id, name: p.name, credentials: { accessToken: p.access_token } }));
  },
  actions: {
    publishPost: definePagesAction({
      description: 'Posts on the chosen Page',
      input: z.object({ message: z.string().min(1) }),
      output: z.object({ id: z.string() }),
      run: async (input, ctx) => {
        // Requests carry the chosen Page's token; ctx.credentials.account holds it too.
        const page = ctx.connection.account?.id;
        return (await ctx.http.post(`/v25.0/${page}/feed`, { json: input, schema: z.object({ id: z.string() }) })).data;
      },
    }),
  },
});
