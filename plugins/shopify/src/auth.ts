/**
 * @module Shopify OAuth, per shop (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant):
 * the shop's own host serves both the consent screen and the token endpoint, scopes are
 * comma-separated, the secret goes in the body and there is no PKCE. `expiring=1` asks for an
 * expiring offline token (1 hour, with a ~90-day refresh token that rotates on use), which
 * public apps must use from 2027 on; tokens go in `X-Shopify-Access-Token`, not `Authorization`.
 */
import { defineActionFor, oauth2 } from '@patchbay/sdk';
import { z } from 'zod';
import { verifyShopifyCallback } from './callback-hmac.ts';

/**
 * The shop, as its `myshopify.com` subdomain (`acme`) or full domain (`acme.myshopify.com`),
 * stored as the subdomain. Never a custom domain: only `*.myshopify.com` serves the Admin API,
 * and any other host would be an open door for phishing or SSRF.
 */
export const shopParams = z.object({
  shop: z
    .string()
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*(\.myshopify\.com)?$/, 'a shop domain like acme.myshopify.com (lowercase)')
    .transform((shop) => shop.replace(/\.myshopify\.com$/, '')),
});

/** Every `{shop}` must give a host this matches, whole (docs/connector-authoring.md §12). */
export const SHOP_HOST = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export const shopifyAuth = oauth2({
  authorizationUrl: 'https://{shop}.myshopify.com/admin/oauth/authorize',
  tokenUrl: 'https://{shop}.myshopify.com/admin/oauth/access_token',
  scopes: [
    'read_orders',
    'read_products',
    'write_products',
    'write_inventory',
    'write_fulfillments',
    'write_merchant_managed_fulfillment_orders',
  ],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
  // Without it Shopify mints a non-expiring offline token, refused for public apps from 2027.
  extraTokenParams: { expiring: '1' },
  parseTokenResponse: (raw) => ({
    accessToken: String(raw.access_token),
    refreshToken: typeof raw.refresh_token === 'string' ? raw.refresh_token : undefined,
    expiresAt: typeof raw.expires_in === 'number' ? new Date(Date.now() + raw.expires_in * 1000) : undefined,
    scopes: typeof raw.scope === 'string' ? raw.scope.split(',').filter(Boolean) : undefined,
  }),
  verifyCallback: verifyShopifyCallback,
  apply: (credentials, request) => {
    request.headers['x-shopify-access-token'] = credentials.accessToken;
  },
});

export const defineShopifyAction = defineActionFor(shopifyAuth, { params: shopParams });
