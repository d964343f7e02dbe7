/**
 * Reference: https://shopify.dev/docs/api/admin-graphql/2026-10/queries/products
 * One page of products with their first variants; pass `pageInfo.endCursor` back as `after`
 * for the next (https://shopify.dev/docs/api/usage/pagination-graphql).
 */
import { z } from 'zod';
import { defineShopifyAction } from '../auth.ts';
import { graphql, pageInfo } from '../graphql.ts';

const PRODUCTS = `query Products($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query) {
    nodes {
      id title handle status updatedAt
      variants(first: 10) { nodes { id sku price inventoryQuantity } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const variant = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  price: z.string(),
  inventoryQuantity: z.number().int().nullable(),
});

export const product = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  status: z.string(),
  updatedAt: z.string(),
  variants: z.object({ nodes: z.array(variant) }),
});

export const listProducts = defineShopifyAction({
  description: 'List products with their first ten variants, one page at a time (cursor pagination)',
  input: z.object({
    first: z.number().int().min(1).max(250).default(50),
    after: z.string().min(1).optional().describe('endCursor of the previous page'),
    query: z.string().max(1000).optional().describe('e.g. "status:active vendor:Acme"'),
  }),
  output: z.object({
    products: z.array(product.omit({ variants: true }).extend({ variants: z.array(variant) })),
    pageInfo,
  }),
  scopes: ['read_products'],
  run: async (input, ctx) => {
    const data = await graphql(
      ctx,
      PRODUCTS,
      { first: input.first, after: input.after ?? null, query: input.query ?? null },
      z.object({ products: z.object({ nodes: z.array(product), pageInfo }) }),
      { idempotent: true },
    );
    const products = data.products.nodes.map((p) => ({ ...p, variants: p.variants.nodes }));
    return { products, pageInfo: data.products.pageInfo };
  },
});
