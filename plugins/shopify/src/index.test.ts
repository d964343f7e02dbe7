import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { GRAPHQL_PATH } from './api-version.ts';
import { shopify } from './index.ts';
import { harnessOptions, orderNode, productNode, TOKEN } from './testing-fixtures.ts';

const saved = { id: 'gid://shopify/Product/1', title: 'Mug', handle: 'mug', status: 'DRAFT' };

testConnector(shopify, {
  ...harnessOptions,
  fixtures: {
    listProducts: {
      input: {},
      setup: (h) =>
        h
          .on('POST', GRAPHQL_PATH)
          .reply(200, { data: { products: { nodes: [productNode], pageInfo: { hasNextPage: false, endCursor: null } } } }),
      check: (output, h) => {
        expect(output).toMatchObject({ products: [{ id: 'gid://shopify/Product/1' }] });
        expect(h.requests[0]?.url).toBe(`https://acme.myshopify.com${GRAPHQL_PATH}`);
        expect(h.requests[0]?.headers['x-shopify-access-token']).toBe(TOKEN);
        expect(h.requests[0]?.headers.authorization).toBeUndefined();
      },
    },
    listOrders: {
      input: {},
      setup: (h) =>
        h
          .on('POST', GRAPHQL_PATH)
          .reply(200, { data: { orders: { nodes: [orderNode], pageInfo: { hasNextPage: false, endCursor: null } } } }),
    },
    createProduct: {
      input: { title: 'Mug' },
      setup: (h) => h.on('POST', GRAPHQL_PATH).reply(200, { data: { productCreate: { product: saved, userErrors: [] } } }),
    },
    updateProduct: {
      input: { id: 'gid://shopify/Product/1', title: 'Mug' },
      setup: (h) => h.on('POST', GRAPHQL_PATH).reply(200, { data: { productUpdate: { product: saved, userErrors: [] } } }),
    },
    adjustInventory: {
      input: { changes: [{ inventoryItemId: 'gid://shopify/InventoryItem/3', locationId: 'gid://shopify/Location/4', delta: 2 }] },
      setup: (h) =>
        h.on('POST', GRAPHQL_PATH).reply(200, {
          data: {
            inventoryAdjustQuantities: {
              inventoryAdjustmentGroup: {
                id: 'gid://shopify/InventoryAdjustmentGroup/1',
                reason: 'correction',
                changes: [{ name: 'available', delta: 2, quantityAfterChange: 9 }],
              },
              userErrors: [],
            },
          },
        }),
    },
    createFulfillment: {
      input: { fulfillmentOrders: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/7' }] },
      setup: (h) =>
        h.on('POST', GRAPHQL_PATH).reply(200, {
          data: {
            fulfillmentCreate: { fulfillment: { id: 'gid://shopify/Fulfillment/8', status: 'SUCCESS', trackingInfo: [] }, userErrors: [] },
          },
        }),
    },
    runBulkQuery: {
      input: { query: '{ products { edges { node { id } } } }', pollIntervalMs: 100 },
      setup: (h) =>
        h
          .on('POST', GRAPHQL_PATH)
          .reply(200, { data: { bulkOperationRunQuery: { bulkOperation: { id: 'gid://shopify/BulkOperation/1' }, userErrors: [] } } })
          .reply(200, {
            data: {
              node: {
                id: 'gid://shopify/BulkOperation/1',
                status: 'COMPLETED',
                errorCode: null,
                objectCount: '3',
                url: 'https://storage.googleapis.com/shopify/bulk.jsonl',
                partialDataUrl: null,
              },
            },
          }),
    },
  },
});
