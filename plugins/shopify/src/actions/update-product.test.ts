import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GRAPHQL_PATH } from '../api-version.ts';
import { shopify } from '../index.ts';
import { harnessOptions, sentGraphql } from '../testing-fixtures.ts';

let h: Harness<typeof shopify>;
beforeEach(() => {
  h = createTestHarness(shopify, harnessOptions);
});
afterEach(() => h.close());

it('sends only the fields given, with the id, and is resent after a 5xx (setting fields twice is harmless)', async () => {
  const product = { id: 'gid://shopify/Product/1', title: 'Big mug', handle: 'mug', status: 'ACTIVE' };
  h.on('POST', GRAPHQL_PATH)
    .reply(503, { errors: 'unavailable' })
    .reply(200, { data: { productUpdate: { product, userErrors: [] } } });
  expect(await h.run('updateProduct', { id: 'gid://shopify/Product/1', title: 'Big mug' })).toEqual(product);
  expect(h.requests).toHaveLength(2);
  expect(sentGraphql(h.requests, 1).variables).toEqual({
    product: { id: 'gid://shopify/Product/1', title: 'Big mug' },
  });
});

it('refuses an id that is not a product GID before calling Shopify', async () => {
  expect(await connectorFailure(h.run('updateProduct', { id: '123', title: 'x' }))).toMatchObject({ code: 'INVALID_INPUT', path: 'id' });
  expect(h.requests).toHaveLength(0);
});

it('reports a product that does not exist as NOT_FOUND', async () => {
  h.on('POST', GRAPHQL_PATH).reply(200, {
    data: { productUpdate: { product: null, userErrors: [{ field: ['product', 'id'], message: 'Product does not exist' }] } },
  });
  const error = await connectorFailure(h.run('updateProduct', { id: 'gid://shopify/Product/404', title: 'x' }));
  expect(error).toMatchObject({ code: 'NOT_FOUND', path: 'id' });
});
