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

const change = { inventoryItemId: 'gid://shopify/InventoryItem/3', locationId: 'gid://shopify/Location/4', delta: -2 };
const group = {
  id: 'gid://shopify/InventoryAdjustmentGroup/1',
  reason: 'damaged',
  changes: [{ name: 'available', delta: -2, quantityAfterChange: 5 }],
};

it('carries the run key in @idempotent and resends the same key after a 5xx', async () => {
  h.on('POST', GRAPHQL_PATH)
    .reply(502, { errors: 'Bad Gateway' })
    .reply(200, { data: { inventoryAdjustQuantities: { inventoryAdjustmentGroup: group, userErrors: [] } } });
  const out = await h.run('adjustInventory', { reason: 'damaged', changes: [change] }, { idempotencyKey: 'run:42' });
  expect(out).toEqual(group);
  const bodies = h.requests.map((r) => r.json() as { query: string; variables: Record<string, unknown> });
  expect(bodies).toHaveLength(2);
  expect(bodies[0]?.query).toContain('inventoryAdjustQuantities(input: $input) @idempotent(key: $key)');
  expect(bodies.map((b) => b.variables.key)).toEqual(['run:42', 'run:42']);
  expect(bodies[0]?.variables.input).toEqual({ name: 'available', reason: 'damaged', changes: [{ ...change, changeFromQuantity: null }] });
});

it('turns userErrors into INVALID_INPUT at the caller path, with Shopify code', async () => {
  h.on('POST', GRAPHQL_PATH).reply(200, {
    data: {
      inventoryAdjustQuantities: {
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            field: ['input', 'changes', '0', 'locationId'],
            message: 'The specified location could not be found.',
            code: 'INVALID_LOCATION',
          },
        ],
      },
    },
  });
  expect(await connectorFailure(h.run('adjustInventory', { changes: [change] }))).toMatchObject({
    code: 'INVALID_INPUT',
    path: 'changes.0.locationId',
    providerCode: 'INVALID_LOCATION',
  });
});

it('refuses a zero delta before calling Shopify', async () => {
  expect(await connectorFailure(h.run('adjustInventory', { changes: [{ ...change, delta: 0 }] }))).toMatchObject({
    code: 'INVALID_INPUT',
    path: 'changes.0.delta',
  });
  expect(h.requests).toHaveLength(0);
});
