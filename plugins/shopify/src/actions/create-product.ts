/**
 * Reference: https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/productCreate
 * Creates a product (options and variants are made with productSet or productVariantsBulkCreate,
 * not here). Invalid fields come back as `userErrors`, reported as INVALID_INPUT at the field.
 */
import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { defineShopifyAction } from '../auth.ts';
import { graphql } from '../graphql.ts';
import { rejectUserErrors, userErrors } from '../user-errors.ts';
import { PRODUCT_PAYLOAD, productFields, savedProduct } from './product-fields.ts';

const CREATE = `mutation ProductCreate($product: ProductCreateInput!) {
  productCreate(product: $product) { ${PRODUCT_PAYLOAD} }
}`;

export const createProduct = defineShopifyAction({
  description: 'Create a product (title, description, vendor, type, status, tags)',
  input: productFields,
  output: savedProduct,
  scopes: ['write_products'],
  run: async (input, ctx) => {
    // productCreate takes no idempotency key: one try, so a timeout never makes two products.
    const data = await graphql(
      ctx,
      CREATE,
      { product: input },
      z.object({ productCreate: z.object({ product: savedProduct.nullable(), userErrors }) }),
      { idempotent: false },
    );
    rejectUserErrors(data.productCreate.userErrors, 'product');
    if (!data.productCreate.product) throw new ConnectorError('UPSTREAM_CONTRACT', 'Shopify returned neither a product nor userErrors');
    return data.productCreate.product;
  },
});
