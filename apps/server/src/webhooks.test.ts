import { type EngineOptions, type RunningWorker, SIGNATURE_HEADER, startWorker, verifyWebhookSignature } from '@patchbay/engine';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectAcme, expireToken } from './testing/connect-acme.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { createTestEngine } from './testing/test-engine.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';
import { type Delivery, startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.ts';

let provider: FakeProvider;
let server: TestServer;
let worker: RunningWorker;
let receiver: WebhookReceiver;
let receiverUrl: string;
type EgressLookup = NonNullable<EngineOptions['egressLookup']>;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)] });
  worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100 });
  receiver = await startWebhookReceiver();
  receiverUrl = receiver.url;
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await provider?.stop();
  await receiver?.close();
});

const eventsOf = (type: string) => receiver.deliveries.filter((d) => d.event.type === type);

describe('outbound webhooks', () => {
  it('delivers signed run.completed, run.failed and connection.status_changed events, retrying a failed delivery', async () => {
    const tenant = await connectAcme(server);
    const created = ok(
      await tenant.owner.mutation('webhooks.create', {
        url: receiverUrl,
        events: ['run.completed', 'run.failed', 'connection.status_changed'],
      }),
    );
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(ok(await tenant.owner.query('webhooks.list')))).not.toContain(created.secret);

    const keyConnection = ok(
      await tenant.owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
    ).id;
    receiver.failNext(1); // the first delivery attempt fails; the queue tries again
    ok(await tenant.owner.mutation('actions.acme-key.echo', { connectionId: keyConnection, input: { message: 'hook me' } }));
    await vi.waitFor(() => expect(eventsOf('run.completed')).toHaveLength(1), { timeout: 20_000, interval: 100 });
    const completed = eventsOf('run.completed')[0] as Delivery;
    expect(completed.event.data).toMatchObject({
      connectionId: keyConnection,
      connectorId: 'acme-key',
      action: 'echo',
      status: 'succeeded',
    });
    expect(completed.headers['patchbay-event-type']).toBe('run.completed');
    const signature = String(completed.headers[SIGNATURE_HEADER]);
    expect(verifyWebhookSignature(created.secret, completed.body, signature)).toBe(true);
    expect(verifyWebhookSignature(created.secret, `${completed.body} `, signature)).toBe(false);
    expect(verifyWebhookSignature('whsec_wrong', completed.body, signature)).toBe(false);

    await expireToken(server.db, provider, tenant.connectionId);
    provider.rewriteTokenResponse = (response, grant) => {
      if (grant !== 'refresh_token') return;
      response.statusCode = 400;
      response.body = { error: 'invalid_grant' };
    };
    try {
      const failed = await tenant.owner.mutation('actions.acme-oauth.whoami', { connectionId: tenant.connectionId, input: {} });
      expect(failed.status).toBe(412);
    } finally {
      provider.rewriteTokenResponse = undefined;
    }
    await vi.waitFor(
      () => {
        expect(eventsOf('connection.status_changed').map((d) => d.event.data)).toEqual([
          expect.objectContaining({ connectionId: tenant.connectionId, from: 'active', to: 'needs_reauth' }),
        ]);
        expect(eventsOf('run.failed').map((d) => d.event.data)).toEqual([
          expect.objectContaining({ connectionId: tenant.connectionId, error: expect.objectContaining({ code: 'CONNECTION_INACTIVE' }) }),
        ]);
      },
      { timeout: 10_000, interval: 100 },
    );
    const endpoint = ok(await tenant.owner.query('webhooks.list'))[0];
    expect(endpoint).toMatchObject({ lastDeliveryStatus: 204, lastDeliveryError: null });
    // Nothing secret travels in an event.
    expect(receiver.deliveries.map((d) => d.body).join('\n')).not.toContain(GOOD_API_KEY);
  });

  it('in production mode a webhook to an internal address is refused at delivery and the endpoint says why', async () => {
    const strict = createTestEngine(server.db, { pool: server.database.pool, allowPrivateWebhooks: false, ring: server.engine.ring });
    const tenant = await connectAcme(server);
    const created = ok(await tenant.owner.mutation('webhooks.create', { url: receiverUrl, events: ['run.completed'] }));
    const before = receiver.deliveries.length;
    const event = { id: 'evt_test', type: 'run.completed' as const, createdAt: new Date().toISOString(), tenantId: tenant.org, data: {} };
    await expect(strict.deliverWebhook({ tenantId: tenant.org, endpointId: created.id, event })).rejects.toThrow(/internal address/);
    expect(receiver.deliveries.length).toBe(before);
    expect(ok(await tenant.owner.query('webhooks.list'))[0]).toMatchObject({
      lastDeliveryError: 'the webhook host resolves to an internal address',
    });
    await strict.close();
  });

  it('in production mode a name that resolves first to a public and then to a loopback address is refused at delivery', async () => {
    // DNS rebinding: the first answer (what a check sees) is public, every later one is loopback.
    let calls = 0;
    const rebinding: EgressLookup = (_host, _options, callback) => {
      calls++;
      callback(null, [calls === 1 ? { address: '93.184.216.34', family: 4 } : { address: '127.0.0.1', family: 4 }]);
    };
    const strict = createTestEngine(server.db, {
      pool: server.database.pool,
      allowPrivateWebhooks: false,
      ring: server.engine.ring,
      egressLookup: rebinding,
    });
    const tenant = await connectAcme(server);
    const url = receiverUrl.replace('127.0.0.1', 'rebind.example.com');
    const created = ok(await tenant.owner.mutation('webhooks.create', { url, events: ['run.completed'] }));
    const before = receiver.deliveries.length;
    const event = { id: 'evt_rebind', type: 'run.completed' as const, createdAt: new Date().toISOString(), tenantId: tenant.org, data: {} };
    await expect(strict.deliverWebhook({ tenantId: tenant.org, endpointId: created.id, event })).rejects.toThrow(/internal address/);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(receiver.deliveries.length).toBe(before);
    expect(ok(await tenant.owner.query('webhooks.list'))[0]).toMatchObject({
      lastDeliveryError: 'the webhook host resolves to an internal address',
    });
    await strict.close();
  });

  it('another tenant without endpoints gets nothing', async () => {
    const before = receiver.deliveries.length;
    const other = new HttpSession(server.url);
    await signUpVerified(other, server.outbox, `nohooks-${Date.now()}@example.com`);
    const org = ok(await other.mutation('orgs.create', { name: 'No hooks' })).id;
    const owner = other.withOrg(org);
    const id = ok(await owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } })).id;
    ok(await owner.mutation('actions.acme-key.echo', { connectionId: id, input: { message: 'quiet' } }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.deliveries.length).toBe(before);
  });
});
