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

it('sends lineItemsByFulfillmentOrder with tracking and the notify choice', async () => {
  const fulfillment = {
    id: 'gid://shopify/Fulfillment/8',
    status: 'SUCCESS',
    trackingInfo: [{ number: '1Z999', url: 'https://ups.example/1Z999', company: 'UPS' }],
  };
  h.on('POST', GRAPHQL_PATH).reply(200, { data: { fulfillmentCreate: { fulfillment, userErrors: [] } } });
  const out = await h.run('createFulfillment', {
    fulfillmentOrders: [
      {
        fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/7',
        lineItems: [{ id: 'gid://shopify/FulfillmentOrderLineItem/1', quantity: 1 }],
      },
      { fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/9' },
    ],
    tracking: { number: '1Z999', url: 'https://ups.example/1Z999', company: 'UPS' },
    notifyCustomer: true,
  });
  expect(out).toEqual(fulfillment);
  expect(sentGraphql(h.requests, 0).variables).toEqual({
    fulfillment: {
      lineItemsByFulfillmentOrder: [
        {
          fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/7',
          fulfillmentOrderLineItems: [{ id: 'gid://shopify/FulfillmentOrderLineItem/1', quantity: 1 }],
        },
        { fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/9' },
      ],
      trackingInfo: { number: '1Z999', url: 'https://ups.example/1Z999', company: 'UPS' },
      notifyCustomer: true,
    },
  });
});

it('turns userErrors into INVALID_INPUT', async () => {
  h.on('POST', GRAPHQL_PATH).reply(200, {
    data: {
      fulfillmentCreate: { fulfillment: null, userErrors: [{ field: ['fulfillment'], message: 'Fulfillment order is already closed' }] },
    },
  });
  const error = await connectorFailure(
    h.run('createFulfillment', { fulfillmentOrders: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/7' }] }),
  );
  expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'Shopify refused: Fulfillment order is already closed' });
});
