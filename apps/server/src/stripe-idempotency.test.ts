/**
 * No duplicate charges (REVIEW #14): the real Stripe connector through the real server, Stripe
 * faked at the HTTP layer with undici's MockAgent. A create the engine retries after a 503 sends
 * the same Idempotency-Key both times, also when the caller gave no key.
 */
import stripe from '@patchbay/connector-stripe';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let server: TestServer;
let agent: MockAgent;
let service: HttpSession;
let connectionId: string;
const keys: (string | undefined)[] = [];
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const intent = { id: 'pi_1', amount: 500, currency: 'eur', status: 'requires_payment_method', client_secret: 'pi_1_secret_x' };

beforeAll(async () => {
  agent = new MockAgent();
  agent.disableNetConnect();
  server = await startTestServer({ connectors: [stripe], dispatcher: agent, retry: { minDelayMs: 1, maxDelayMs: 2 } });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `stripe-${Date.now()}@example.com`);
  const owner = user.withOrg(ok(await user.mutation('orgs.create', { name: 'Shop' })).id);
  service = HttpSession.withApiKey(server.url, ok(await owner.mutation('apiKeys.create', { name: 'backend' })).key);
  agent
    .get('https://api.stripe.com')
    .intercept({ path: '/v1/balance', method: 'GET' })
    .reply(200, { object: 'balance', available: [], pending: [] }, JSON_HEADERS);
  connectionId = ok(
    await service.mutation('connections.create', { connectorId: 'stripe', credentials: { secretKey: 'sk_test_shop123' } }),
  ).id;
});
afterAll(async () => {
  await server?.close();
  await agent?.close();
});

/** Stripe answers 503 once, then creates the intent; records the key of each attempt. */
function failOnceThenCreate() {
  keys.length = 0;
  const record = (status: number, body: unknown) => (options: { headers?: unknown }) => {
    keys.push((options.headers as Record<string, string>)['idempotency-key']);
    return { statusCode: status, data: JSON.stringify(body), responseOptions: JSON_HEADERS };
  };
  const stripeApi = agent.get('https://api.stripe.com');
  stripeApi.intercept({ path: '/v1/payment_intents', method: 'POST' }).reply(record(503, { error: { type: 'api_error' } }));
  stripeApi.intercept({ path: '/v1/payment_intents', method: 'POST' }).reply(record(200, intent));
}

describe('Stripe creates through the engine', () => {
  it('a create retried after a 503 carries the same Idempotency-Key both times, one the engine made when the caller gave none', async () => {
    failOnceThenCreate();
    const created = ok(
      await service.mutation('actions.stripe.createPaymentIntent', { connectionId, input: { amount: 500, currency: 'eur' } }),
    );
    expect(created).toMatchObject({ id: 'pi_1', clientSecret: 'pi_1_secret_x' });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    // The key names the run, so the run record tells which Stripe request it made.
    const [run] = ok(await service.query('runs.list', { limit: 1 })).runs;
    expect(keys[0]).toBe(`run:${run?.id}`);
  });

  it("the caller's idempotency key is the one Stripe sees on every attempt", async () => {
    failOnceThenCreate();
    ok(
      await service.mutation('actions.stripe.createPaymentIntent', {
        connectionId,
        input: { amount: 500, currency: 'eur' },
        idempotencyKey: 'order-42',
      }),
    );
    expect(keys).toEqual(['order-42', 'order-42']);
  });
});
