/**
 * @module Shared test data: the connection the tests act for and Shopify's documented answers
 * (https://shopify.dev/docs/api/admin-graphql/2026-10), trimmed to the fields the actions select.
 */
import { GRAPHQL_PATH } from './api-version.ts';

export const TOKEN = 'shpat_test_access_token_1234';
export const SHOP = 'acme';
export const harnessOptions = { credentials: { accessToken: TOKEN }, connection: { params: { shop: SHOP } } };
export const GRAPHQL_URL = `https://${SHOP}.myshopify.com${GRAPHQL_PATH}`;

export const productNode = {
  id: 'gid://shopify/Product/1',
  title: 'Mug',
  handle: 'mug',
  status: 'ACTIVE',
  updatedAt: '2026-11-30T10:00:00Z',
  variants: { nodes: [{ id: 'gid://shopify/ProductVariant/11', sku: 'MUG-1', price: '12.50', inventoryQuantity: 7 }] },
};

export const orderNode = {
  id: 'gid://shopify/Order/9',
  name: '#1009',
  createdAt: '2026-11-30T09:00:00Z',
  displayFinancialStatus: 'PAID',
  displayFulfillmentStatus: 'UNFULFILLED',
  totalPriceSet: { shopMoney: { amount: '25.00', currencyCode: 'EUR' } },
  customer: { id: 'gid://shopify/Customer/5' },
};

/** A throttled answer: HTTP 200, `THROTTLED`, and the bucket's state (https://shopify.dev/docs/api/usage/limits#rate-limiting-methods). */
export function throttled(requested: number, available: number, restoreRate: number) {
  return {
    errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
    extensions: {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate },
      },
    },
  };
}

/** The GraphQL document and variables of the `n`th recorded request (fails the test when there is none). */
export function sentGraphql(requests: readonly { json(): unknown }[], n: number): { query: string; variables: Record<string, unknown> } {
  const request = requests[n];
  if (!request) throw new Error(`no request #${n} was sent`);
  return request.json() as { query: string; variables: Record<string, unknown> };
}
