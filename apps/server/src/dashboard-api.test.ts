/**
 * The procedures the dashboard pages need (issue 16), through the real server and Postgres:
 * webhook deliveries (listed with their attempts, redelivered with the same event id), endpoint
 * update / secret rotation / test event, runs.stats, audit.list and connections.get's last runs.
 * Cross-tenant ids are covered by isolation.test.ts, scopes by permissions.test.ts.
 */
import { type RunningWorker, SIGNATURE_HEADER, startWorker, verifyWebhookSignature } from '@patchbay/engine';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AcmeTenant, connectAcme } from './testing/connect-acme.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { errorCode, ok } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.ts';

let provider: FakeProvider;
let server: TestServer;
let worker: RunningWorker;
let receiver: WebhookReceiver;
let tenant: AcmeTenant;
let keyConnection: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)] });
  worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100 });
  receiver = await startWebhookReceiver();
  tenant = await connectAcme(server);
  keyConnection = ok(
    await tenant.owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
  ).id;
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await provider?.stop();
  await receiver?.close();
});

const echo = (message: string) => tenant.owner.mutation('actions.acme-key.echo', { connectionId: keyConnection, input: { message } });

describe('webhook endpoints and deliveries', () => {
  it('lists each delivery once with its attempts, and redelivers the same event id', async () => {
    const endpoint = ok(await tenant.owner.mutation('webhooks.create', { url: receiver.url, events: ['run.completed'] }));
    receiver.failNext(1);
    ok(await echo('delivered after one retry'));
    await vi.waitFor(
      async () => {
        const { deliveries } = ok(await tenant.owner.query('webhooks.deliveries.list', { endpointId: endpoint.id }));
        expect(deliveries).toEqual([
          expect.objectContaining({ eventType: 'run.completed', status: 'delivered', attempts: 2, responseStatus: 204 }),
        ]);
      },
      { timeout: 30_000, interval: 200 },
    );
    const [delivery] = ok(await tenant.owner.query('webhooks.deliveries.list', { endpointId: endpoint.id })).deliveries;
    const full = ok(await tenant.owner.query('webhooks.deliveries.get', { id: delivery.id }));
    expect(full.event).toMatchObject({ id: delivery.eventId, type: 'run.completed', data: { connectionId: keyConnection } });

    const before = receiver.deliveries.length;
    expect(ok(await tenant.owner.mutation('webhooks.deliveries.redeliver', { id: delivery.id }))).toEqual({
      id: delivery.id,
      queued: true,
    });
    await vi.waitFor(() => expect(receiver.deliveries.length).toBe(before + 1), { timeout: 30_000, interval: 200 });
    expect(receiver.deliveries.at(-1)?.event.id).toBe(delivery.eventId);
    await vi.waitFor(async () => expect(ok(await tenant.owner.query('webhooks.deliveries.get', { id: delivery.id })).attempts).toBe(3), {
      timeout: 10_000,
      interval: 200,
    });
    ok(await tenant.owner.mutation('webhooks.delete', { id: endpoint.id }));
  });

  it('pages deliveries with a cursor and filters them by status', async () => {
    const endpoint = ok(await tenant.owner.mutation('webhooks.create', { url: receiver.url, events: ['run.completed'] }));
    for (const n of [1, 2, 3]) ok(await echo(`page ${n}`));
    const list = (input: Record<string, unknown>) => tenant.owner.query('webhooks.deliveries.list', { endpointId: endpoint.id, ...input });
    await vi.waitFor(async () => expect(ok(await list({})).deliveries).toHaveLength(3), { timeout: 30_000, interval: 200 });
    const first = ok(await list({ limit: 2 }));
    expect(first.deliveries).toHaveLength(2);
    const second = ok(await list({ limit: 2, cursor: first.nextCursor }));
    expect(second.deliveries).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.deliveries, ...second.deliveries].map((d: { id: string }) => d.id);
    expect(new Set(ids).size).toBe(3);
    expect(ok(await list({ status: 'failed' })).deliveries).toEqual([]);
    ok(await tenant.owner.mutation('webhooks.delete', { id: endpoint.id }));
  });

  it('updates an endpoint, rotates its secret (the old one no longer verifies), and sends a test event', async () => {
    const endpoint = ok(await tenant.owner.mutation('webhooks.create', { url: `${receiver.url}/old`, events: ['run.failed'] }));
    const updated = ok(
      await tenant.owner.mutation('webhooks.update', { id: endpoint.id, url: receiver.url, events: ['run.completed', 'run.failed'] }),
    );
    expect(updated).toMatchObject({ id: endpoint.id, url: receiver.url, events: ['run.completed', 'run.failed'] });
    expect(errorCode(await tenant.owner.mutation('webhooks.update', { id: endpoint.id }))).toBe('BAD_REQUEST');

    const rotated = ok(await tenant.owner.mutation('webhooks.rotateSecret', { id: endpoint.id }));
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);

    const tested = ok(await tenant.owner.mutation('webhooks.test', { id: endpoint.id }));
    expect(tested).toMatchObject({ delivered: true, error: null });
    const got = receiver.deliveries.find((d) => d.event.id === tested.eventId);
    expect(got?.event.type).toBe('webhook.test');
    const signature = String(got?.headers[SIGNATURE_HEADER]);
    expect(verifyWebhookSignature(rotated.secret, got?.body ?? '', signature)).toBe(true);
    expect(verifyWebhookSignature(endpoint.secret, got?.body ?? '', signature)).toBe(false);

    receiver.failNext(1);
    expect(ok(await tenant.owner.mutation('webhooks.test', { id: endpoint.id }))).toMatchObject({
      delivered: false,
      error: 'endpoint answered 500',
    });
    const audit = ok(await tenant.owner.query('audit.list', { target: endpoint.id }));
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(['webhook.rotate_secret', 'webhook.update', 'webhook.create']);
    ok(await tenant.owner.mutation('webhooks.delete', { id: endpoint.id }));
  });
});

describe('runs.stats', () => {
  it('counts runs per status per bucket, with error rate and p50/p95 per connector', async () => {
    const other = await connectAcme(server);
    const connection = ok(
      await other.owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
    ).id;
    const from = new Date(Date.now() - 60_000).toISOString();
    for (const message of ['a', 'b', 'c'])
      ok(await other.owner.mutation('actions.acme-key.echo', { connectionId: connection, input: { message } }));
    provider.script.push({ status: 404 });
    const failed = await other.owner.mutation('actions.acme-key.scripted', { connectionId: connection, input: {} });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    const to = new Date(Date.now() + 60_000).toISOString();
    const stats = ok(await other.owner.query('runs.stats', { from, to, bucket: 'hour', timeZone: 'Europe/Paris' }));
    const counts = stats.buckets.reduce((sum: Record<string, number>, b: { counts: Record<string, number> }) => {
      for (const [status, n] of Object.entries(b.counts)) sum[status] = (sum[status] ?? 0) + n;
      return sum;
    }, {});
    expect(counts).toMatchObject({ succeeded: 3, failed: 1 });
    expect(stats.connectors).toEqual([expect.objectContaining({ connectorId: 'acme-key', total: 4, failed: 1, errorRate: 0.25 })]);
    expect(stats.connectors[0].p50Ms).toEqual(expect.any(Number));
    expect(stats.connectors[0].p95Ms).toBeGreaterThanOrEqual(stats.connectors[0].p50Ms);
    expect(stats.totals).toEqual({ runs: 4, failed: 1, errorRate: 0.25 });
    // Another tenant's failure is not counted here: this tenant's acme-key runs all succeeded.
    const mine = ok(await tenant.owner.query('runs.stats', { from, to, bucket: 'hour' }));
    expect(mine.connectors.find((c: { connectorId: string }) => c.connectorId === 'acme-key')).toMatchObject({ failed: 0, errorRate: 0 });
  });

  it('refuses an unknown time zone, a reversed range and too many buckets', async () => {
    const now = Date.now();
    const range = (ms: number) => ({ from: new Date(now - ms).toISOString(), to: new Date(now).toISOString() });
    expect(errorCode(await tenant.owner.query('runs.stats', { ...range(60_000), bucket: 'minute', timeZone: 'Mars/Olympus' }))).toBe(
      'BAD_REQUEST',
    );
    expect(errorCode(await tenant.owner.query('runs.stats', { from: range(0).to, to: range(60_000).from, bucket: 'minute' }))).toBe(
      'BAD_REQUEST',
    );
    expect(errorCode(await tenant.owner.query('runs.stats', { ...range(2 * 86_400_000), bucket: 'minute' }))).toBe('BAD_REQUEST');
  });
});

describe('audit.list and connections.get', () => {
  it('pages the audit log newest first, filtered by action prefix', async () => {
    // The webhook tests above left several webhook.* entries.
    const page1 = ok(await tenant.owner.query('audit.list', { action: 'webhook.', limit: 1 }));
    expect(page1.entries).toHaveLength(1);
    expect(page1.entries[0].action).toMatch(/^webhook\./);
    const page2 = ok(await tenant.owner.query('audit.list', { action: 'webhook.', limit: 1, cursor: page1.nextCursor }));
    expect(page2.entries[0].id).not.toBe(page1.entries[0].id);
    expect(Date.parse(page2.entries[0].createdAt)).toBeLessThanOrEqual(Date.parse(page1.entries[0].createdAt));
  });

  it('shows a connection with its latest runs', async () => {
    ok(await echo('last run'));
    const connection = ok(await tenant.owner.query('connections.get', { id: keyConnection }));
    expect(connection.lastRuns.length).toBeGreaterThan(0);
    expect(connection.lastRuns.length).toBeLessThanOrEqual(5);
    expect(connection.lastRuns[0]).toMatchObject({ action: 'echo', status: 'succeeded' });
  });

  it('lists each connection with its own newest run, and none for a connection never used', async () => {
    const idle = ok(
      await tenant.owner.mutation('connections.create', { connectorId: 'acme-key', name: 'idle', credentials: { apiKey: GOOD_API_KEY } }),
    ).id;
    ok(await echo('newest'));
    const newest = ok(await tenant.owner.query('connections.get', { id: keyConnection })).lastRuns[0];
    const { connections } = ok(await tenant.owner.query('connections.list', { connectorId: 'acme-key' }));
    const byId = new Map(connections.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(keyConnection)).toMatchObject({
      lastRun: { id: newest.id, action: 'echo', status: 'succeeded', createdAt: newest.createdAt },
    });
    expect(byId.get(idle)).toMatchObject({ lastRun: null });
  });
});
