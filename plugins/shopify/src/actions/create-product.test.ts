import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GRAPHQL_PATH } from '../api-version.ts';
import { shopify } from '../index.ts';
import { harnessOptions } from '../testing-fixtures.ts';

let h: Harness<typeof shopify>;
beforeEach(() => {
  h = createTestHarness(shopify, harnessOptions);
});
afterEach(() => h.close());

it('sends the fields as productCreate(product:) and returns the new product', async () => {
  const product = { id: 'gid://shopify/Product/2', title: 'Mug', handle: 'mug', status: 'DRAFT' };
  h.on('POST', GRAPHQL_PATH).reply(200, { data: { productCreate: { product, userErrors: [] } } });
  const out = await h.run('createProduct', { title: 'Mug', vendor: 'Acme', status: 'DRAFT', tags: ['kitchen'] });
  expect(out).toEqual(product);
  const body = h.requests[0]?.json() as { query: string; variables: unknown };
  expect(body.query).toContain('productCreate(product: $product)');
  expect(body.variables).toEqual({ product: { title: 'Mug', vendor: 'Acme', status: 'DRAFT', tags: ['kitchen'] } });
});

it('turns userErrors into INVALID_INPUT at the caller field', async () => {
  h.on('POST', GRAPHQL_PATH).reply(200, {
    data: { productCreate: { product: null, userErrors: [{ field: ['product', 'title'], message: "Title can't be blank" }] } },
  });
  expect(await connectorFailure(h.run('createProduct', { title: ' ' }))).toMatchObject({
    code: 'INVALID_INPUT',
    path: 'title',
    message: "Shopify refused: Title can't be blank (title)",
  });
});
