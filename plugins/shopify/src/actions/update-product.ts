/**
 * Reference: https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/productUpdate
 * Changes the given fields of one product; fields left out stay as they are. An unknown id and
 * invalid fields come back as `userErrors` (NOT_FOUND / INVALID_INPUT at the field).
 */
import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { defineShopifyAction } from '../auth.ts';
import { graphql } from '../graphql.ts';
import { rejectUserErrors, userErrors } from '../user-errors.ts';
import { PRODUCT_PAYLOAD, productFields, savedProduct } from './product-fields.ts';

const UPDATE = `mutation ProductUpdate($product: ProductUpdateInput!) {
  productUpdate(product: $product) { ${PRODUCT_PAYLOAD} }
}`;

export const updateProduct = defineShopifyAction({
  description: 'Update a product: the fields given change, the rest stay',
  input: productFields.partial().extend({
    id: z.string().regex(/^gid:\/\/shopify\/Product\/\d+$/, 'a product GID like gid://shopify/Product/123'),
  }),
  output: savedProduct,
  scopes: ['write_products'],
  // Setting the same fields twice leaves the same product: safe to resend after a 5xx.
  idempotent: true,
  run: async (input, ctx) => {
    const data = await graphql(
      ctx,
      UPDATE,
      { product: input },
      z.object({ productUpdate: z.object({ product: savedProduct.nullable(), userErrors }) }),
      { idempotent: true },
    );
    rejectUserErrors(data.productUpdate.userErrors, 'product');
    if (!data.productUpdate.product) throw new ConnectorError('UPSTREAM_CONTRACT', 'Shopify returned neither a product nor userErrors');
    return data.productUpdate.product;
  },
});
