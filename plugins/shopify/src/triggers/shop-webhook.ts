/**
 * @module Shopify webhooks, one trigger per topic (https://shopify.dev/docs/apps/build/webhooks).
 * `subscribe` creates a shop-specific subscription for the topic pointing at the subscription's
 * URL (`webhookSubscriptionCreate`), `unsubscribe` deletes it. Shopify signs every delivery with
 * the app's client secret, not a per-hook secret: `X-Shopify-Hmac-Sha256` is the base64
 * HMAC-SHA256 of the raw body (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify),
 * so the subscription keeps the client secret (`signedWithClientSecret`). Shopify signs no
 * timestamp; `X-Shopify-Webhook-Id` stays the same on retries and de-duplicates them.
 */
import { ConnectorError, defineTrigger, verifyHmacSha256 } from '@patchbay/sdk';
import { z } from 'zod';
import { graphql } from '../graphql.ts';
import { userErrors } from '../user-errors.ts';

/** https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/webhookSubscriptionCreate */
const CREATE = `mutation HookCreate($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
    webhookSubscription { id }
    userErrors { field message }
  }
}`;

/** https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/webhookSubscriptionDelete */
const DELETE = `mutation HookDelete($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } }
}`;

/** A topic as the `X-Shopify-Topic` header names it, and as the GraphQL enum does. */
export interface ShopifyTopic {
  readonly header: string;
  readonly graphql: string;
}

export function shopWebhook<const E extends z.ZodType>(topic: ShopifyTopic, description: string, event: E) {
  return defineTrigger({
    kind: 'webhook',
    description,
    event,
    signedWithClientSecret: true,
    verify: ({ rawBody, headers, secrets }) =>
      verifyHmacSha256({ secrets, parts: [rawBody], candidates: [headers['x-shopify-hmac-sha256']], encoding: 'base64' }),
    parse: ({ text, headers }) => {
      // Every topic of the app is signed alike: only the subscribed one is stored here.
      if (headers['x-shopify-topic'] !== topic.header) return [];
      const id = headers['x-shopify-webhook-id'];
      if (!id) throw new ConnectorError('INVALID_INPUT', 'The delivery has no X-Shopify-Webhook-Id');
      // Checked against the event schema by the receiver before anything is stored.
      const payload = JSON.parse(text) as z.input<E>;
      return [{ id, type: topic.header, accountId: headers['x-shopify-shop-domain'], payload }];
    },
    subscribe: async (ctx) => {
      const data = await graphql(
        ctx,
        CREATE,
        { topic: topic.graphql, uri: ctx.callbackUrl },
        z.object({ webhookSubscriptionCreate: z.object({ webhookSubscription: z.object({ id: z.string() }).nullable(), userErrors }) }),
        { idempotent: false },
      );
      const made = data.webhookSubscriptionCreate;
      const refused = made.userErrors[0];
      if (refused || !made.webhookSubscription) {
        throw new ConnectorError(
          'INVALID_INPUT',
          `Shopify refused the webhook subscription: ${refused?.message.slice(0, 300) ?? 'no subscription returned'}`,
        );
      }
      return { state: { webhookSubscriptionId: made.webhookSubscription.id } };
    },
    unsubscribe: async (ctx) => {
      const id = ctx.state.webhookSubscriptionId;
      if (typeof id !== 'string') return;
      const data = await graphql(
        ctx,
        DELETE,
        { id },
        z.object({ webhookSubscriptionDelete: z.object({ deletedWebhookSubscriptionId: z.string().nullable(), userErrors }) }),
        { idempotent: true },
      );
      const refused = data.webhookSubscriptionDelete.userErrors[0];
      // Already deleted at Shopify (by hand, or with the app's uninstall): nothing left to undo.
      if (refused && !/does not exist|not found/i.test(refused.message)) {
        throw new ConnectorError('UPSTREAM', `Shopify did not delete the webhook subscription: ${refused.message.slice(0, 300)}`);
      }
    },
  });
}

// Numeric REST ids can pass 2^53 and lose digits in JSON.parse: admin_graphql_api_id is the exact one.
const shopifyId = { id: z.number(), admin_graphql_api_id: z.string() };

/** https://shopify.dev/docs/api/webhooks/latest?reference=toml#list-of-topics-orders/create */
export const ordersCreate = shopWebhook(
  { header: 'orders/create', graphql: 'ORDERS_CREATE' },
  'An order was created in the shop',
  z.looseObject({ ...shopifyId, name: z.string(), created_at: z.string(), total_price: z.string(), currency: z.string() }),
);

/** https://shopify.dev/docs/api/webhooks/latest?reference=toml#list-of-topics-products/update */
export const productsUpdate = shopWebhook(
  { header: 'products/update', graphql: 'PRODUCTS_UPDATE' },
  'A product was updated in the shop',
  z.looseObject({ ...shopifyId, title: z.string(), updated_at: z.string() }),
);
