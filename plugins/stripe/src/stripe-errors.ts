/**
 * @module Stripe errors (https://docs.stripe.com/api/errors): a JSON `error` object with `type`,
 * `code`, `param` and a message. Status codes carry most of the meaning and keep the SDK's default
 * mapping; this adds the failing parameter and maps 402 (request failed, e.g. a declined card).
 * Stripe's message is left out on purpose: a 401's echoes part of the API key.
 */
import { mapErrorsFrom } from '@patchbay/sdk';

export const stripeError = mapErrorsFrom({
  provider: 'Stripe',
  code: ['error.decline_code', 'error.code', 'error.type'],
  byStatus: { 400: 'INVALID_INPUT', 402: 'INVALID_INPUT' },
  verbs: { INVALID_INPUT: ({ status }) => (status === 402 ? 'could not complete the request' : 'rejected the request') },
  field: 'error.param',
  detail: ({ field }) => field?.path,
});
