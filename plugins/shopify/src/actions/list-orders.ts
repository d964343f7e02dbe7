/**
 * Reference: https://shopify.dev/docs/api/admin-graphql/2026-10/queries/orders
 * One page of orders, newest first, with the cursor for the next. `read_orders` sees the last
 * 60 days only; older orders need the `read_all_orders` scope, which Shopify grants on request.
 */
import { z } from 'zod';
import { defineShopifyAction } from '../auth.ts';
import { graphql, money, pageInfo } from '../graphql.ts';

const ORDERS = `query Orders($first: Int!, $after: String, $query: String, $reverse: Boolean!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: $reverse) {
    nodes {
      id name createdAt displayFinancialStatus displayFulfillmentStatus
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { id }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const order = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  totalPriceSet: z.object({ shopMoney: money }),
  customer: z.object({ id: z.string() }).nullable(),
});

export const listOrders = defineShopifyAction({
  description: 'List orders, newest first, one page at a time (Shopify search syntax in `query`)',
  input: z.object({
    first: z.number().int().min(1).max(250).default(50),
    after: z.string().min(1).optional().describe('endCursor of the previous page'),
    query: z.string().max(1000).optional().describe('e.g. "created_at:>=2026-01-01 financial_status:paid"'),
    reverse: z.boolean().default(true),
  }),
  output: z.object({ orders: z.array(order), pageInfo }),
  scopes: ['read_orders'],
  run: async (input, ctx) => {
    const data = await graphql(
      ctx,
      ORDERS,
      { ...input, after: input.after ?? null, query: input.query ?? null },
      z.object({ orders: z.object({ nodes: z.array(order), pageInfo }) }),
      { idempotent: true },
    );
    return { orders: data.orders.nodes, pageInfo: data.orders.pageInfo };
  },
});
