import { apiKey, defineConnector } from '@patchbay/sdk';
import { z } from 'zod';
import { createCustomer } from './actions/create-customer.ts';
import { createPaymentIntent } from './actions/create-payment-intent.ts';
import { createRefund } from './actions/create-refund.ts';
import { listCustomers } from './actions/list-customers.ts';
import { retrieveBalance } from './actions/retrieve-balance.ts';
import { stripeError } from './stripe-errors.ts';
import { event } from './triggers/event.ts';
import { STRIPE_API_VERSION } from './version.ts';

/**
 * Stripe with a secret or restricted key (https://docs.stripe.com/api/authentication): bearer
 * auth, form-encoded bodies. Every POST carries an `Idempotency-Key`
 * (https://docs.stripe.com/api/idempotent_requests): the run's key, which the SDK stamps through
 * `idempotencyHeader`, so a retried create returns the first result instead of charging twice.
 * Every request pins `Stripe-Version` (https://docs.stripe.com/api/versioning): without it the
 * account's default version decides response shapes and defaults, which differ account to account.
 */
export const stripe = defineConnector({
  id: 'stripe',
  name: 'Stripe',
  version: '0.1.0',
  description: 'Customers, payment intents, refunds and balance in a Stripe account.',
  auth: apiKey({
    fields: z.object({
      secretKey: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'a Stripe secret (sk_) or restricted (rk_) key'),
    }),
    apply: (credentials, request) => {
      request.headers.authorization = `Bearer ${credentials.secretKey}`;
      request.headers['stripe-version'] = STRIPE_API_VERSION;
    },
  }),
  baseUrls: ['https://api.stripe.com/v1'],
  idempotencyHeader: 'Idempotency-Key',
  actions: { createCustomer, listCustomers, createPaymentIntent, createRefund, retrieveBalance },
  triggers: { event },
  mapError: stripeError,
  healthCheck: async (ctx) => {
    await ctx.http.get('/balance');
  },
});
export { signStripeEvent } from './triggers/sign-event.ts';
export { STRIPE_API_VERSION } from './version.ts';

export default stripe;
