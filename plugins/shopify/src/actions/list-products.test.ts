import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GRAPHQL_PATH } from '../api-version.ts';
import { shopify } from '../index.ts';
import { harnessOptions, productNode, sentGraphql } from '../testing-fixtures.ts';

let h: Harness<typeof shopify>;
beforeEach(() => {
  h = createTestHarness(shopify, harnessOptions);
});
afterEach(() => h.close());

it('walks pages by passing endCursor back as after, with variants flattened', async () => {
  h.on('POST', GRAPHQL_PATH)
    .reply(200, { data: { products: { nodes: [productNode], pageInfo: { hasNextPage: true, endCursor: 'cur-1' } } } })
    .reply(200, { data: { products: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } });
  const first = await h.run('listProducts', { first: 1, query: 'status:active' });
  expect(first.products[0]?.variants).toEqual([
    { id: 'gid://shopify/ProductVariant/11', sku: 'MUG-1', price: '12.50', inventoryQuantity: 7 },
  ]);
  const second = await h.run('listProducts', { first: 1, after: first.pageInfo.endCursor ?? undefined });
  expect(second.pageInfo.hasNextPage).toBe(false);
  expect(sentGraphql(h.requests, 0).variables).toEqual({ first: 1, after: null, query: 'status:active' });
  expect(sentGraphql(h.requests, 1).variables).toEqual({ first: 1, after: 'cur-1', query: null });
});

it('refuses more than 250 per page before calling Shopify', async () => {
  expect(await connectorFailure(h.run('listProducts', { first: 251 }))).toMatchObject({ code: 'INVALID_INPUT', path: 'first' });
  expect(h.requests).toHaveLength(0);
});

it('reports a page that does not match the selection as UPSTREAM_CONTRACT', async () => {
  h.on('POST', GRAPHQL_PATH).reply(200, { data: { products: { nodes: [{ id: 1 }], pageInfo: { hasNextPage: false, endCursor: null } } } });
  expect(await connectorFailure(h.run('listProducts', {}))).toMatchObject({ code: 'UPSTREAM_CONTRACT' });
});
