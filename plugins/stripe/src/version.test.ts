import { createTestHarness } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { STRIPE_API_VERSION, stripe } from './index.ts';

describe('Stripe-Version (PROVIDERS ST2)', () => {
  it('pins the API version on reads, writes and the health check alike', async () => {
    const h = createTestHarness(stripe, { credentials: { secretKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' } });
    try {
      h.on('GET', '/balance').always(200, { object: 'balance', available: [], pending: [], livemode: false });
      h.on('POST', '/customers').reply(200, { id: 'cus_1', object: 'customer', email: 'a@b.co', created: 1_700_000_000 });
      await h.run('retrieveBalance', {});
      await h.run('createCustomer', { email: 'a@b.co' });
      await h.healthCheck();
      expect(h.requests.map((r) => r.headers['stripe-version'])).toEqual([STRIPE_API_VERSION, STRIPE_API_VERSION, STRIPE_API_VERSION]);
      expect(STRIPE_API_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}\.[a-z]+$/);
    } finally {
      await h.close();
    }
  });
});
