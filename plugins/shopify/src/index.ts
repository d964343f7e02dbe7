import { defineConnector } from '@patchbay/sdk';
import { z } from 'zod';
import { adjustInventory } from './actions/adjust-inventory.ts';
import { createFulfillment } from './actions/create-fulfillment.ts';
import { createProduct } from './actions/create-product.ts';
import { listOrders } from './actions/list-orders.ts';
import { listProducts } from './actions/list-products.ts';
import { runBulkQuery } from './actions/run-bulk-query.ts';
import { updateProduct } from './actions/update-product.ts';
import { SHOP_HOST, shopifyAuth, shopParams } from './auth.ts';
import { graphql } from './graphql.ts';
import { shopifyError } from './shopify-errors.ts';
import { ordersCreate, productsUpdate } from './triggers/shop-webhook.ts';

/**
 * Shopify's GraphQL Admin API (https://shopify.dev/docs/api/admin-graphql), one shop per
 * connection: the `shop` connection parameter names the `*.myshopify.com` host that serves both
 * OAuth and the API. The REST Admin API is legacy, and new public apps must use GraphQL only.
 */
export const shopify = defineConnector({
  id: 'shopify',
  name: 'Shopify',
  version: '0.1.0',
  description: 'Orders, products, inventory, fulfillments and bulk exports of a Shopify shop, and its order and product webhooks.',
  auth: shopifyAuth,
  connectionParams: shopParams,
  hostPatterns: { shop: SHOP_HOST },
  baseUrls: ['https://{shop}.myshopify.com'],
  actions: { listOrders, listProducts, createProduct, updateProduct, adjustInventory, createFulfillment, runBulkQuery },
  triggers: { ordersCreate, productsUpdate },
  mapError: shopifyError,
  healthCheck: async (ctx) => {
    // https://shopify.dev/docs/api/admin-graphql/2026-10/queries/shop
    await graphql(ctx, 'query { shop { id } }', {}, z.object({ shop: z.object({ id: z.string() }) }), { idempotent: true });
  },
});
export { SHOPIFY_API_VERSION } from './api-version.ts';
export { signShopifyCallback, verifyShopifyCallback } from './callback-hmac.ts';
export { signShopifyWebhook } from './triggers/sign-webhook.ts';

export default shopify;
