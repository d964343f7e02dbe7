import { createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GRAPHQL_PATH } from '../api-version.ts';
import { shopify } from '../index.ts';
import { harnessOptions, orderNode } from '../testing-fixtures.ts';

let h: Harness<typeof shopify>;
beforeEach(() => {
  h = createTestHarness(shopify, harnessOptions);
});
afterEach(() => h.close());

it('sends the search query and cursor, newest first, and returns the page with its cursor', async () => {
  h.on('POST', GRAPHQL_PATH).reply(200, { data: { orders: { nodes: [orderNode], pageInfo: { hasNextPage: true, endCursor: 'c2' } } } });
  const out = await h.run('listOrders', { first: 10, after: 'c1', query: 'financial_status:paid' });
  expect(out).toEqual({ orders: [orderNode], pageInfo: { hasNextPage: true, endCursor: 'c2' } });
  const body = h.requests[0]?.json() as { query: string; variables: Record<string, unknown> };
  expect(body.query).toContain('orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: $reverse)');
  expect(body.variables).toEqual({ first: 10, after: 'c1', query: 'financial_status:paid', reverse: true });
});
