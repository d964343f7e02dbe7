import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { stripe } from './index.ts';

const KEY = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';
const cus = (id: string, email: string) => ({ id, object: 'customer', email, name: null, created: 1_700_000_000, metadata: {} });

testConnector(stripe, {
  credentials: { secretKey: KEY },
  fixtures: {
    createCustomer: {
      input: { email: 'ada@example.com', name: 'Ada', metadata: { plan: 'pro' } },
      setup: (h) =>
        h.on('POST', '/customers').reply(200, { ...cus('cus_NffrFeUfNV2Hib', 'ada@example.com'), name: 'Ada', metadata: { plan: 'pro' } }),
      check: (output, h) => {
        expect(output).toEqual({ id: 'cus_NffrFeUfNV2Hib', email: 'ada@example.com', name: 'Ada', created: '2023-11-14T22:13:20.000Z' });
        const req = h.requests[0];
        expect(req?.url).toBe('https://api.stripe.com/v1/customers');
        expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
        expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
        expect(Object.fromEntries(req?.form() ?? [])).toEqual({ email: 'ada@example.com', name: 'Ada', 'metadata[plan]': 'pro' });
      },
    },
    listCustomers: {
      input: { limit: 3 },
      setup: (h) => {
        h.on('GET', '/customers?limit=3').reply(200, {
          object: 'list',
          url: '/v1/customers',
          has_more: true,
          data: [cus('cus_1', 'a@x.io'), cus('cus_2', 'b@x.io')],
        });
        h.on('GET', '/customers?limit=3&starting_after=cus_2').reply(200, {
          object: 'list',
          url: '/v1/customers',
          has_more: false,
          data: [cus('cus_3', 'c@x.io')],
        });
      },
      check: (output) =>
        expect((output as { customers: { id: string }[] }).customers.map((c) => c.id)).toEqual(['cus_1', 'cus_2', 'cus_3']),
    },
    createPaymentIntent: {
      input: { amount: 2000, currency: 'USD', customer: 'cus_1' },
      setup: (h) =>
        h.on('POST', '/payment_intents').reply(200, {
          id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
          object: 'payment_intent',
          amount: 2000,
          currency: 'usd',
          status: 'requires_payment_method',
          client_secret: 'pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH',
        }),
      check: (output, h) => {
        expect(output).toMatchObject({ id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa', status: 'requires_payment_method', currency: 'usd' });
        expect(h.requests[0]?.body).toBe('amount=2000&currency=usd&customer=cus_1&automatic_payment_methods%5Benabled%5D=true');
      },
    },
    createRefund: {
      input: { paymentIntent: 'pi_3MtwBwLkdIwHu7ix28a3tqPa', amount: 500, reason: 'requested_by_customer' },
      setup: (h) =>
        h.on('POST', '/refunds').reply(200, {
          id: 're_1Nispe2eZvKYlo2Cd31jOCgZ',
          object: 'refund',
          amount: 500,
          currency: 'usd',
          status: 'succeeded',
          payment_intent: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
        }),
      check: (output, h) => {
        expect(output).toEqual({ id: 're_1Nispe2eZvKYlo2Cd31jOCgZ', amount: 500, currency: 'usd', status: 'succeeded' });
        expect(h.requests[0]?.body).toBe('payment_intent=pi_3MtwBwLkdIwHu7ix28a3tqPa&amount=500&reason=requested_by_customer');
      },
    },
    retrieveBalance: {
      input: {},
      setup: (h) =>
        h.on('GET', '/balance').reply(200, {
          object: 'balance',
          available: [{ amount: 666670, currency: 'usd', source_types: { card: 666670 } }],
          pending: [{ amount: 61414, currency: 'usd' }],
          livemode: false,
        }),
      check: (output) =>
        expect(output).toEqual({
          available: [{ amount: 666670, currency: 'usd' }],
          pending: [{ amount: 61414, currency: 'usd' }],
          livemode: false,
        }),
    },
  },
});
