/**
 * Idempotency keys that are safe to rely on (REVIEW #6, #7): the key names one call on one
 * connection; failures where the provider cannot have acted free the key; a replay returns what
 * the first call returned, secrets included, from the sealed copy.
 */
import stripe from '@patchbay/connector-stripe';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const STRIPE = 'https://api.stripe.com';
let provider: FakeProvider;
let stripeApi: MockAgent;
let server: TestServer;
let caller: HttpSession;

beforeAll(async () => {
  provider = await startFakeProvider();
  // The engine's dispatcher: Stripe is faked at the network edge, the acme fake is real HTTP on 127.0.0.1.
  stripeApi = new MockAgent();
  stripeApi.disableNetConnect();
  stripeApi.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  server = await startTestServer({
    connectors: [acmeKey(provider), stripe],
    dispatcher: stripeApi,
    retry: { minDelayMs: 5, maxDelayMs: 10 },
  });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `idem-${Date.now()}@example.com`);
  const org = ok(await user.mutation('orgs.create', { name: 'Idempotent' })).id;
  caller = HttpSession.withApiKey(server.url, ok(await user.withOrg(org).mutation('apiKeys.create', { name: 'backend' })).key);
});
afterAll(async () => {
  await server?.close();
  await stripeApi?.close();
  await provider?.stop();
});
beforeEach(() => {
  provider.script = [];
});

const acmeConnection = async () =>
  ok(await caller.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } })).id as string;

/**
 * A Stripe connection whose provider answers the health check and exactly one payment-intent
 * create: a second create would find no interceptor and fail, so a replay that called Stripe shows.
 */
async function stripeConnectionCreatingOnce(secretKey: string, intent: Record<string, unknown>): Promise<string> {
  const api = stripeApi.get(STRIPE);
  const json = { headers: { 'content-type': 'application/json' } };
  api.intercept({ path: '/v1/balance', method: 'GET' }).reply(200, JSON.stringify({ object: 'balance', available: [], pending: [] }), json);
  const connectionId = ok(await caller.mutation('connections.create', { connectorId: 'stripe', credentials: { secretKey } })).id as string;
  api.intercept({ path: '/v1/payment_intents', method: 'POST' }).reply(200, JSON.stringify(intent), json).times(1);
  return connectionId;
}

describe('idempotency keys', () => {
  it('the same key and input on two connections calls the provider twice', async () => {
    const [a, b] = [await acmeConnection(), await acmeConnection()];
    const before = provider.apiCalls.get('/echo') ?? 0;
    const call = (connectionId: string) =>
      caller.mutation('actions.acme-key.echo', { connectionId, input: { message: 'same' }, idempotencyKey: 'two-connections' });
    const first = ok(await call(a));
    const second = ok(await call(b));
    expect(provider.apiCalls.get('/echo')).toBe(before + 2);
    expect(second.calls).toBe(first.calls + 1);
    // Each connection replays its own result.
    expect(ok(await call(a))).toEqual(first);
    expect(ok(await call(b))).toEqual(second);
    expect(provider.apiCalls.get('/echo')).toBe(before + 2);
  });

  it('a key whose first call was RATE_LIMITED runs again on retry; the failed run stays on record', async () => {
    const connectionId = await acmeConnection();
    const call = () => caller.mutation('actions.acme-key.scripted', { connectionId, input: {}, idempotencyKey: 'after-429' });
    provider.script = [
      { status: 429, retryAfter: 0 },
      { status: 429, retryAfter: 0 },
      { status: 429, retryAfter: 0 },
    ];
    const limited = await call();
    expect(limited.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED' });
    const before = provider.apiCalls.get('/scripted') ?? 0;
    expect(ok(await call())).toEqual({ ok: true });
    expect(provider.apiCalls.get('/scripted')).toBe(before + 1);
    const failed = ok(await caller.query('runs.get', { id: limited.body.error.data.runId }));
    expect(failed).toMatchObject({ status: 'failed', idempotencyKey: null, error: { code: 'RATE_LIMITED' } });
  });

  it('a key whose first call met an inactive connection runs once the connection is back', async () => {
    const connectionId = await acmeConnection();
    await server.db.updateTable('connections').set({ status: 'needs_reauth' }).where('id', '=', connectionId).execute();
    const call = () => caller.mutation('actions.acme-key.echo', { connectionId, input: { message: 'later' }, idempotencyKey: 'inactive' });
    expect((await call()).body.error.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'CONNECTION_INACTIVE' });
    await server.db.updateTable('connections').set({ status: 'active' }).where('id', '=', connectionId).execute();
    expect(ok(await call())).toMatchObject({ message: 'later' });
  });

  it('a replayed stripe.createPaymentIntent returns the real clientSecret; the run record shows it redacted', async () => {
    const intent = { id: 'pi_1', amount: 1200, currency: 'eur', status: 'requires_payment_method', client_secret: 'pi_1_secret_xyz' };
    const connectionId = await stripeConnectionCreatingOnce('sk_test_abc123', intent);
    const call = () =>
      caller.mutation('actions.stripe.createPaymentIntent', {
        connectionId,
        input: { amount: 1200, currency: 'EUR' },
        idempotencyKey: 'order-7',
      });
    const first = ok(await call());
    expect(first.clientSecret).toBe('pi_1_secret_xyz');
    expect(ok(await call())).toEqual(first);
    const { runs } = ok(await caller.query('runs.list', { connectionId, action: 'createPaymentIntent' }));
    expect(runs).toHaveLength(1);
    expect(ok(await caller.query('runs.get', { id: runs[0].id })).output.clientSecret).toBe('[redacted]');
  });

  it('runs.enqueue replayed after its run succeeded returns the real clientSecret; the run record shows it redacted', async () => {
    const intent = { id: 'pi_2', amount: 900, currency: 'eur', status: 'requires_payment_method', client_secret: 'pi_2_secret_q' };
    const connectionId = await stripeConnectionCreatingOnce('sk_test_queued', intent);
    const enqueue = () =>
      caller.mutation('runs.enqueue', {
        connectionId,
        connectorId: 'stripe',
        action: 'createPaymentIntent',
        input: { amount: 900, currency: 'EUR' },
        idempotencyKey: 'order-8',
      });
    const queued = ok(await enqueue());
    expect(queued).toMatchObject({ status: 'queued', replayed: false });
    expect(queued.output).toBeUndefined();
    const tenantId = (await server.db.selectFrom('runs').select('tenant_id').where('id', '=', queued.runId).executeTakeFirstOrThrow())
      .tenant_id;
    expect(await server.engine.processRun({ tenantId, runId: queued.runId })).toBe('succeeded');
    const replayed = ok(await enqueue());
    expect(replayed).toMatchObject({ runId: queued.runId, status: 'succeeded', replayed: true });
    expect(replayed.output.clientSecret).toBe('pi_2_secret_q');
    expect(ok(await caller.query('runs.get', { id: queued.runId })).output.clientSecret).toBe('[redacted]');
  });
});
