/**
 * Issue 17 end to end through the real server, real Postgres and a real worker: provider
 * webhooks for the shipped Stripe and GitHub triggers (and a handshake) arrive at
 * `POST /hooks/<subscription id>`, are verified on the raw bytes, stored once and delivered once
 * as `trigger.event` to the tenant's webhook endpoint even when the provider sends them three
 * times; tampered, wrongly signed and stale requests store nothing. Stripe's health check and
 * GitHub's token endpoint are faked with undici's MockAgent, GitHub's hook API by a local server.
 */
import { randomUUID } from 'node:crypto';
import github, { signGithubDelivery } from '@patchbay/connector-github';
import stripe, { signStripeEvent } from '@patchbay/connector-stripe';
import { type RunningWorker, startWorker, withBaseUrls } from '@patchbay/engine';
import { sql } from 'kysely';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type HookCounters, newHookCounters } from '../hooks-route.ts';
import { errorCode, HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';
import { type FakeGithubHooks, startFakeGithubHooks } from './fake-github-hooks.ts';
import { acmeEvents, signAcmeEvent } from './triggers-connector.ts';

let server: TestServer;
let worker: RunningWorker;
let receiver: WebhookReceiver;
let hooks: FakeGithubHooks;
let agent: MockAgent;
let previous: Dispatcher;
let owner: HttpSession;
let org: string;
const counters: HookCounters = newHookCounters();

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  setGlobalDispatcher(agent);
  hooks = await startFakeGithubHooks();
  server = await startTestServer({
    connectors: [stripe, withBaseUrls(github, [hooks.url]), acmeEvents],
    edge: { hookCounters: counters, hookMaxBodyBytes: 64 * 1024 },
  });
  worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100 });
  receiver = await startWebhookReceiver();
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `triggers-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'Triggers' })).id;
  owner = user.withOrg(org);
  ok(await owner.mutation('webhooks.create', { url: receiver.url, events: ['trigger.event'] }));
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await receiver?.close();
  await hooks?.close();
  setGlobalDispatcher(previous);
  await agent?.close();
});

const post = (url: string, body: string | Buffer, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

const deliveredFor = (subscriptionId: string) =>
  receiver.deliveries.filter((d) => d.event.type === 'trigger.event' && d.event.data.subscriptionId === subscriptionId);

const eventsOf = async (subscriptionId: string) => ok(await owner.query('events.list', { subscriptionId })).events;

/** Sends the same signed request three times, as a provider retrying on a lost 2xx does. */
async function sendThrice(url: string, body: string, headers: Record<string, string>) {
  for (let i = 0; i < 3; i++) {
    const res = await post(url, body, headers);
    expect(res.status).toBe(200);
  }
}

/** Stored once and delivered once: waits for the delivery, then gives a second one time to show up. */
async function expectStoredAndDeliveredOnce(subscriptionId: string, providerEventId: string) {
  const events = await eventsOf(subscriptionId);
  expect(events.map((e: { providerEventId: string }) => e.providerEventId)).toEqual([providerEventId]);
  await vi.waitFor(() => expect(deliveredFor(subscriptionId)).toHaveLength(1), { timeout: 20_000, interval: 100 });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(deliveredFor(subscriptionId)).toHaveLength(1);
  return deliveredFor(subscriptionId)[0];
}

describe('stripe.event through POST /hooks/:id', () => {
  it('is stored once and delivered once when sent three times; tampered, wrongly signed and stale requests store nothing', async () => {
    agent
      .get('https://api.stripe.com')
      .intercept({ path: '/v1/balance', method: 'GET' })
      .reply(200, { object: 'balance', available: [], pending: [] }, { headers: { 'content-type': 'application/json' } });
    const connectionId = ok(
      await owner.mutation('connections.create', { connectorId: 'stripe', credentials: { secretKey: 'sk_test_abc123' } }),
    ).id;

    const noSecret = await owner.mutation('triggers.subscribe', { connectionId, trigger: 'event' });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error.data.path).toBe('signingSecret');

    const secret = 'whsec_stripe_dashboard_secret';
    const sub = ok(
      await owner.mutation('triggers.subscribe', {
        connectionId,
        trigger: 'event',
        config: { eventTypes: ['invoice.*'] },
        signingSecret: secret,
      }),
    );
    expect(sub.url).toBe(`${server.url}/hooks/${sub.id}`);
    expect(JSON.stringify(ok(await owner.query('triggers.list')))).not.toContain(secret);

    const event = {
      id: 'evt_1PaId',
      object: 'event',
      type: 'invoice.paid',
      created: 1_700_000_000,
      data: { object: { id: 'in_1', amount_paid: 500 } },
    };
    const body = JSON.stringify(event);
    const beforeFirst = Date.now();
    await sendThrice(sub.url, body, signStripeEvent(body, secret));
    const delivery = await expectStoredAndDeliveredOnce(sub.id, 'evt_1PaId');
    const listed = ok(await owner.query('triggers.list')).find((s: { id: string }) => s.id === sub.id);
    // The subscription shows when its last event came (written at most once a second per subscription).
    expect(Date.parse(listed.lastEventAt)).toBeGreaterThanOrEqual(beforeFirst - 1000);
    expect(delivery?.event.data).toMatchObject({
      connectionId,
      connectorId: 'stripe',
      trigger: 'event',
      type: 'invoice.paid',
      payload: event,
    });
    // The outbound envelope names the stored event and carries its time in ISO form.
    const [stored] = await eventsOf(sub.id);
    expect(delivery?.event).toMatchObject({ id: `evt_${stored.id}`, createdAt: stored.receivedAt, tenantId: expect.any(String) });
    expect(delivery?.event.data).toMatchObject({ eventId: stored.id, subscriptionId: sub.id, providerEventId: 'evt_1PaId' });

    const refusedBefore = { ...counters };
    const other = JSON.stringify({ ...event, id: 'evt_2' });
    const tampered = Buffer.from(other);
    tampered[tampered.length - 3] = (tampered[tampered.length - 3] ?? 0) ^ 1;
    for (const [bytes, headers] of [
      [tampered, signStripeEvent(other, secret)],
      [other, signStripeEvent(other, 'whsec_someone_else')],
      [other, signStripeEvent(other, secret, new Date(Date.now() - 6 * 60_000))],
      [other, {}],
    ] as const) {
      const res = await post(sub.url, bytes, headers);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('');
    }
    expect(counters.mismatch - refusedBefore.mismatch).toBe(2);
    expect(counters.stale - refusedBefore.stale).toBe(1);
    expect(counters.missing - refusedBefore.missing).toBe(1);

    // An event type the tenant did not choose is acknowledged and not stored.
    const customer = JSON.stringify({ ...event, id: 'evt_3', type: 'customer.created' });
    expect((await post(sub.url, customer, signStripeEvent(customer, secret))).status).toBe(200);
    expect((await eventsOf(sub.id)).map((e: { providerEventId: string }) => e.providerEventId)).toEqual(['evt_1PaId']);
  });

  it('answers 404 and stores nothing once another process deleted a subscription this one still remembers', async () => {
    agent
      .get('https://api.stripe.com')
      .intercept({ path: '/v1/balance', method: 'GET' })
      .reply(200, { object: 'balance', available: [], pending: [] }, { headers: { 'content-type': 'application/json' } });
    const connectionId = ok(
      await owner.mutation('connections.create', { connectorId: 'stripe', credentials: { secretKey: 'sk_test_abc123' } }),
    ).id;
    const secret = 'whsec_deleted_elsewhere';
    const sub = ok(await owner.mutation('triggers.subscribe', { connectionId, trigger: 'event', signingSecret: secret }));
    const send = (id: string) => {
      const body = JSON.stringify({ id, object: 'event', type: 'invoice.paid', created: 1_700_000_000, data: { object: {} } });
      return post(sub.url, body, signStripeEvent(body, secret));
    };
    expect((await send('evt_before')).status).toBe(200);
    // What another process's unsubscribe leaves: the row gone, this process not told.
    await sql`delete from trigger_subscriptions where id = ${sub.id}::uuid`.execute(server.db);
    const res = await send('evt_after');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
    const left = await sql<{ n: number }>`select count(*)::int as n from trigger_events where subscription_id = ${sub.id}::uuid`.execute(
      server.db,
    );
    expect(left.rows[0]?.n).toBe(0);
    expect((await send('evt_later')).status).toBe(404);
  });

  it('answers an unknown subscription with a bare 404 and a body over the limit with 413, storing nothing', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await post(`${server.url}/hooks/${id}`, '{}', {});
      expect(res.status).toBe(404);
      expect(await res.text()).toBe('');
    }
    const res = await post(`${server.url}/hooks/${randomUUID()}`, 'x'.repeat(65 * 1024), {});
    expect(res.status).toBe(413);
  });
});

/** Connects GitHub through our OAuth routes, the token endpoint answered by the MockAgent. */
async function connectGithub(): Promise<string> {
  ok(await owner.mutation('oauthApps.set', { connectorId: 'github', clientId: 'gh-client', clientSecret: 'gh-secret' }));
  agent
    .get('https://github.com')
    .intercept({ path: '/login/oauth/access_token', method: 'POST' })
    .reply(
      200,
      { access_token: 'gho_triggerstest0000000000000000000000', scope: 'repo', token_type: 'bearer' },
      {
        headers: { 'content-type': 'application/json' },
      },
    );
  const authorize = await hop(`${server.url}/oauth/github/authorize?org=${org}`, owner);
  const state = (authorize.location as URL).searchParams.get('state') ?? '';
  const back = await hop(`${server.url}/oauth/callback?code=fake-code&state=${encodeURIComponent(state)}`, owner);
  const connectionId = back.location?.searchParams.get('connection_id');
  if (!connectionId) throw new Error(`connect failed: ${back.location} ${back.text}`);
  return connectionId;
}

describe('github.issues through POST /hooks/:id', () => {
  it('creates the repository hook, stores a delivery once when sent three times, refuses tampered or wrongly signed ones, and deletes the hook', async () => {
    const connectionId = await connectGithub();
    const sub = ok(
      await owner.mutation('triggers.subscribe', { connectionId, trigger: 'issues', config: { owner: 'octo', repo: 'hello' } }),
    );
    const hook = hooks.created.at(-1);
    expect(hook?.path).toBe('/repos/octo/hello/hooks');
    expect(hook?.authorization).toBe('Bearer gho_triggerstest0000000000000000000000');
    expect(hook?.body).toMatchObject({ name: 'web', events: ['issues'], config: { url: sub.url, content_type: 'json' } });
    const secret = hook?.body.config.secret ?? '';
    expect(secret).toMatch(/^whsec_/);

    // GitHub pings a new hook: acknowledged, nothing stored.
    const ping = JSON.stringify({ zen: 'Keep it simple.', hook_id: hook?.id });
    expect((await post(sub.url, ping, signGithubDelivery('ping', ping, secret))).status).toBe(200);

    const body = JSON.stringify({ action: 'opened', issue: { number: 7, title: 'Bug' }, repository: { id: 42, full_name: 'octo/hello' } });
    const headers = signGithubDelivery('issues', body, secret, 'delivery-7');
    await sendThrice(sub.url, body, headers);
    const delivery = await expectStoredAndDeliveredOnce(sub.id, 'delivery-7');
    expect(delivery?.event.data).toMatchObject({ trigger: 'issues', providerAccountId: '42', payload: { issue: { number: 7 } } });

    const next = body.replace('"number":7', '"number":8');
    const tampered = next.replace('Bug', 'Bua');
    expect((await post(sub.url, tampered, signGithubDelivery('issues', next, secret, 'delivery-8'))).status).toBe(401);
    expect((await post(sub.url, next, signGithubDelivery('issues', next, 'whsec_wrong', 'delivery-8'))).status).toBe(401);
    expect((await eventsOf(sub.id)).map((e: { providerEventId: string }) => e.providerEventId)).toEqual(['delivery-7']);

    ok(await owner.mutation('triggers.unsubscribe', { id: sub.id }));
    expect(hooks.deleted).toEqual([`/repos/octo/hello/hooks/${hook?.id}`]);
    expect(ok(await owner.query('triggers.list', { connectionId }))).toEqual([]);
    expect((await post(sub.url, body, headers)).status).toBe(404);
  });
});

describe('a trigger with a handshake', () => {
  it('answers a signed challenge without storing it, and refuses an unsigned one', async () => {
    const connectionId = ok(await owner.mutation('connections.create', { connectorId: 'acme-events', credentials: { apiKey: 'k' } })).id;
    const secret = 'acme-signing-secret';
    const sub = ok(await owner.mutation('triggers.subscribe', { connectionId, trigger: 'notification', signingSecret: secret }));
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'c-123' });
    const answered = await post(sub.url, challenge, signAcmeEvent(challenge, secret));
    expect(answered.status).toBe(200);
    expect(await answered.text()).toBe('c-123');
    expect((await post(sub.url, challenge, {})).status).toBe(401);
    expect(await eventsOf(sub.id)).toEqual([]);
    const unknownTrigger = await owner.mutation('triggers.subscribe', { connectionId, trigger: 'nope', signingSecret: secret });
    expect(errorCode(unknownTrigger)).toBe('NOT_FOUND');
  });
});
