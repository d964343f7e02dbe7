import { createTestHarness, feedWebhook, type Harness, testWebhookTrigger } from '@patchbay/sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRAPHQL_PATH } from '../api-version.ts';
import { shopify } from '../index.ts';
import { harnessOptions, TOKEN } from '../testing-fixtures.ts';
import { ordersCreate, productsUpdate } from './shop-webhook.ts';
import { signShopifyWebhook } from './sign-webhook.ts';

const order = {
  id: 820982911946154500,
  admin_graphql_api_id: 'gid://shopify/Order/820982911946154508',
  name: '#9999',
  created_at: '2026-12-01T12:00:00-05:00',
  total_price: '403.00',
  currency: 'USD',
};
const product = {
  id: 788032119674292900,
  admin_graphql_api_id: 'gid://shopify/Product/788032119674292922',
  title: 'Example T-Shirt',
  updated_at: '2026-12-01T12:00:00-05:00',
};

testWebhookTrigger('shopify.ordersCreate', ordersCreate, {
  sign: (body, secret) => signShopifyWebhook('orders/create', body, secret),
  sample: order,
});
testWebhookTrigger('shopify.productsUpdate', productsUpdate, {
  sign: (body, secret) => signShopifyWebhook('products/update', body, secret),
  sample: product,
});

describe('shopify webhook triggers', () => {
  it('use X-Shopify-Webhook-Id as the event id (retries share it) and the shop domain as the account', () => {
    const receipt = feedWebhook(ordersCreate, {
      body: order,
      secret: 'client-secret',
      sign: (body, secret) => signShopifyWebhook('orders/create', body, secret, { webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' }),
    });
    expect(receipt).toMatchObject({
      kind: 'events',
      events: [
        { id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', type: 'orders/create', accountId: 'acme.myshopify.com', payload: { name: '#9999' } },
      ],
    });
  });

  it('store nothing for another topic signed by the same app', () => {
    const receipt = feedWebhook(ordersCreate, { body: product, secret: 's', sign: (b, s) => signShopifyWebhook('products/update', b, s) });
    expect(receipt).toEqual({ kind: 'events', events: [] });
  });

  it('are signed with the app client secret, not a per-subscription one', () => {
    expect(ordersCreate.signedWithClientSecret).toBe(true);
    expect(productsUpdate.signedWithClientSecret).toBe(true);
  });
});

describe('shopify webhook subscriptions', () => {
  let h: Harness<typeof shopify>;
  beforeEach(() => {
    h = createTestHarness(shopify, harnessOptions);
  });
  afterEach(() => h.close());
  const sent = (n: number) => h.requests[n]?.json() as { query: string; variables: Record<string, unknown> };
  const state = { webhookSubscriptionId: 'gid://shopify/WebhookSubscription/5' };

  it('subscribe creates a JSON subscription for the topic at the callback URL and keeps its id', async () => {
    h.on('POST', GRAPHQL_PATH).reply(200, {
      data: { webhookSubscriptionCreate: { webhookSubscription: { id: state.webhookSubscriptionId }, userErrors: [] } },
    });
    const made = await h.setupTrigger('ordersCreate', 'subscribe', { callbackUrl: 'https://patchbay.example/hooks/sub-1' });
    expect(made).toEqual({ state });
    expect(sent(0).query).toContain('webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON })');
    expect(sent(0).variables).toEqual({ topic: 'ORDERS_CREATE', uri: 'https://patchbay.example/hooks/sub-1' });
    expect(h.requests[0]?.headers['x-shopify-access-token']).toBe(TOKEN);
  });

  it('subscribe fails with the reason Shopify gives when it refuses', async () => {
    h.on('POST', GRAPHQL_PATH).reply(200, {
      data: {
        webhookSubscriptionCreate: {
          webhookSubscription: null,
          userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' }],
        },
      },
    });
    await expect(h.setupTrigger('productsUpdate', 'subscribe')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('already been taken'),
    });
  });

  it('unsubscribe deletes the subscription it made, and one already gone is not an error', async () => {
    h.on('POST', GRAPHQL_PATH)
      .reply(200, { data: { webhookSubscriptionDelete: { deletedWebhookSubscriptionId: state.webhookSubscriptionId, userErrors: [] } } })
      .reply(200, {
        data: {
          webhookSubscriptionDelete: {
            deletedWebhookSubscriptionId: null,
            userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }],
          },
        },
      });
    await h.setupTrigger('ordersCreate', 'unsubscribe', { state });
    expect(sent(0).variables).toEqual({ id: state.webhookSubscriptionId });
    await expect(h.setupTrigger('ordersCreate', 'unsubscribe', { state })).resolves.toBeUndefined();
    expect(h.requests).toHaveLength(2);
  });
});
