import { describe, expect, it } from 'vitest';
import { signedMessage, signShopifyCallback, verifyShopifyCallback } from './callback-hmac.ts';

const secret = 'hush';
const now = new Date('2026-12-02T03:00:00Z');
const client = { id: 'app-id', secret };
const params = { shop: 'some-shop' };
const query = {
  code: '0907a61c0c8d55e99db179b68161bc00',
  shop: 'some-shop.myshopify.com',
  state: 's1',
  timestamp: String(now.getTime() / 1000),
};
const check = (q: Record<string, string>, over: Partial<{ secret: string; shop: string; now: Date }> = {}) =>
  verifyShopifyCallback({
    query: q,
    client: { ...client, secret: over.secret ?? secret },
    params: { shop: over.shop ?? params.shop },
    now: over.now ?? now,
  });

describe('Shopify callback hmac', () => {
  it("matches Shopify's documented example digest", () => {
    // https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant (secret "hush")
    const documented = {
      code: '0907a61c0c8d55e99db179b68161bc00',
      shop: 'some-shop.myshopify.com',
      state: '0.6784241404160823',
      timestamp: '1337178173',
    };
    expect(signShopifyCallback(documented, 'hush').hmac).toBe('700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf');
  });

  it('signs every parameter but hmac and signature, sorted by name', () => {
    expect(signedMessage({ timestamp: '1', hmac: 'x', code: 'c', signature: 'y', shop: 's' })).toBe('code=c&shop=s&timestamp=1');
  });

  it('accepts a correctly signed, fresh callback for the flow shop', () => {
    expect(check(signShopifyCallback(query, secret))).toBe(true);
  });

  it('refuses a missing hmac, a wrong secret, a changed parameter, another shop and a stale timestamp', () => {
    expect(check(query)).toBe(false);
    expect(check(signShopifyCallback(query, 'other-secret'))).toBe(false);
    expect(check({ ...signShopifyCallback(query, secret), code: 'attacker-code' })).toBe(false);
    expect(check(signShopifyCallback(query, secret), { shop: 'another-shop' })).toBe(false);
    expect(check(signShopifyCallback(query, secret), { now: new Date(now.getTime() + 10 * 60_000) })).toBe(false);
  });
});
