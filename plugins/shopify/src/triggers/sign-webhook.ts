import { randomUUID } from 'node:crypto';
import { hmacSha256 } from '@patchbay/sdk';

/** Headers Shopify sends with a delivery of `topic` from `shop`, signed over `body` with the app's client secret. */
export function signShopifyWebhook(
  topic: string,
  body: string,
  clientSecret: string,
  options: { webhookId?: string; shop?: string } = {},
): Record<string, string> {
  return {
    'x-shopify-topic': topic,
    'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
    'x-shopify-shop-domain': options.shop ?? 'acme.myshopify.com',
    'x-shopify-api-version': '2026-10',
    'x-shopify-hmac-sha256': hmacSha256(clientSecret, [body], 'base64'),
  };
}
