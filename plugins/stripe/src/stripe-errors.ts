/**
 * @module Stripe errors (https://docs.stripe.com/api/errors): a JSON `error` object with `type`,
 * `code`, `param` and a message. Status codes carry most of the meaning and keep the SDK's default
 * mapping; this adds the failing parameter and maps 402 (request failed, e.g. a declined card).
 */
import { ConnectorError } from '@patchbay/sdk';

interface StripeErrorBody {
  error?: { type?: string; code?: string; decline_code?: string; param?: string };
}

export function stripeError({ status, body }: { status: number; body: unknown }): ConnectorError | undefined {
  const error = (body as StripeErrorBody | undefined)?.error;
  if (!error || (status !== 400 && status !== 402)) return undefined;
  const providerCode = error.decline_code ?? error.code ?? error.type;
  const what = status === 402 ? 'Stripe could not complete the request' : 'Stripe rejected the request';
  return new ConnectorError('INVALID_INPUT', `${what}${providerCode ? `: ${providerCode}` : ''}${error.param ? ` (${error.param})` : ''}`, {
    status,
    providerCode,
    path: error.param,
  });
}
