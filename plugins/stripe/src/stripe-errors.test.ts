import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { stripe } from './index.ts';

let h: Harness<typeof stripe>;
const fresh = () => {
  h = createTestHarness(stripe, { credentials: { secretKey: 'sk_test_errorsecret123' } });
  return h;
};
afterEach(() => h.close());

const intent = { amount: 100, currency: 'eur' };

describe('Stripe errors', () => {
  it('a bad key is AUTH_INVALID (no refresh for API keys), not retried', async () => {
    fresh()
      .on('POST', '/payment_intents')
      .always(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****t123' } });
    expect((await failure(h.run('createPaymentIntent', intent))).code).toBe('AUTH_INVALID');
    expect(h.requests).toHaveLength(1);
  });

  it('a 429 is retried after Retry-After with the same Idempotency-Key, so nothing is created twice', async () => {
    fresh()
      .on('POST', '/payment_intents')
      .reply(429, { error: { type: 'invalid_request_error', code: 'rate_limit' } }, { 'retry-after': '1' })
      .reply(200, { id: 'pi_1', amount: 100, currency: 'eur', status: 'requires_payment_method', client_secret: null });
    await h.run('createPaymentIntent', intent, { idempotencyKey: 'order-42' });
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(1000);
    expect(h.requests.map((r) => r.headers['idempotency-key'])).toEqual(['order-42', 'order-42']);
  });

  it('a create retried after a 503 carries the same Idempotency-Key both times, one made up when the caller gave none', async () => {
    const created = { id: 'pi_1', amount: 100, currency: 'eur', status: 'requires_payment_method', client_secret: null };
    fresh()
      .on('POST', '/payment_intents')
      .reply(503, { error: { type: 'api_error' } })
      .reply(200, created);
    await h.run('createPaymentIntent', intent);
    const [first, second] = h.requests.map((r) => r.headers['idempotency-key']);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
    await h.close();
    fresh().on('POST', '/customers').reply(502).reply(200, { id: 'cus_1', email: 'a@b.co', created: 1 });
    await h.run('createCustomer', { email: 'a@b.co' }, { idempotencyKey: 'run:42' });
    expect(h.requests.map((r) => r.headers['idempotency-key'])).toEqual(['run:42', 'run:42']);
  });

  it('a validation error names the parameter; a declined card is INVALID_INPUT with the decline code', async () => {
    fresh()
      .on('POST', '/payment_intents')
      .reply(400, {
        error: { type: 'invalid_request_error', code: 'parameter_invalid_integer', param: 'amount', message: 'Invalid integer: abc' },
      });
    const invalid = await failure(h.run('createPaymentIntent', intent));
    expect([invalid.code, invalid.path, invalid.providerCode]).toEqual(['INVALID_INPUT', 'amount', 'parameter_invalid_integer']);
    await h.close();
    fresh()
      .on('POST', '/refunds')
      .reply(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' } });
    const declined = await failure(h.run('createRefund', { paymentIntent: 'pi_1' }));
    expect([declined.code, declined.status, declined.providerCode]).toEqual(['INVALID_INPUT', 402, 'insufficient_funds']);
  });

  it('an unknown object is NOT_FOUND, an idempotency key reused with other parameters is CONFLICT', async () => {
    fresh()
      .on('POST', '/refunds')
      .reply(404, { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_intent' } });
    expect(await failure(h.run('createRefund', { paymentIntent: 'pi_missing' }))).toMatchObject({
      code: 'NOT_FOUND',
      providerCode: 'resource_missing',
    });
    await h.close();
    fresh()
      .on('POST', '/customers')
      .reply(409, {
        error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' },
      });
    expect((await failure(h.run('createCustomer', { email: 'a@b.co' }, { idempotencyKey: 'k1' }))).code).toBe('CONFLICT');
  });

  it('refuses a key that is not a Stripe secret or restricted key before any request', async () => {
    h = createTestHarness(stripe, { credentials: { secretKey: 'pk_test_publishable' } });
    expect((await failure(h.run('retrieveBalance', {}))).code).toBe('AUTH_INVALID');
    expect(h.requests).toEqual([]);
  });
});
