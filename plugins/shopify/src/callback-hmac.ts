/**
 * @module Shopify signs the OAuth callback: `hmac` is the hex HMAC-SHA256, under the app's client
 * secret, of every other query parameter (decoded, sorted by name, `name=value` joined by `&`)
 * (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant#step-2-verify-the-installation-request).
 * The callback must also name the shop the flow was started for, and carry a recent timestamp.
 */
import { type CallbackCheck, digestsEqual, hmacSha256, timestampFresh } from '@patchbay/sdk';

/**
 * How far the signed timestamp may be from our clock. Shopify signs the redirect as it sends it
 * and the browser follows at once, so this is clock skew, not consent time; a captured callback
 * URL stops working soon after (the state is single-use besides).
 */
const TOLERANCE_SECONDS = 300;

/** The message Shopify signs: every parameter but `hmac` (and the legacy `signature`), sorted. */
export function signedMessage(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .filter((name) => name !== 'hmac' && name !== 'signature')
    .sort()
    .map((name) => `${name}=${query[name]}`)
    .join('&');
}

/** `verifyCallback` for the Shopify descriptor: a valid `hmac`, the flow's own shop, a fresh timestamp. */
export function verifyShopifyCallback({ query, client, params, now }: CallbackCheck): boolean {
  const received = query.hmac;
  if (!received) return false;
  if (!digestsEqual(hmacSha256(client.secret, [signedMessage(query)]), received.toLowerCase())) return false;
  // A callback signed for another shop (the same app installed there) must not finish this flow.
  if (query.shop !== `${String(params.shop)}.myshopify.com`) return false;
  return timestampFresh(query.timestamp, now, TOLERANCE_SECONDS);
}

/** Adds `hmac` to a callback query as Shopify would, for tests of code that receives callbacks. */
export function signShopifyCallback(query: Readonly<Record<string, string>>, clientSecret: string): Record<string, string> {
  return { ...query, hmac: hmacSha256(clientSecret, [signedMessage(query)]) };
}
