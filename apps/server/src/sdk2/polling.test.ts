/**
 * Polling triggers end to end: real server, real Postgres, a real worker polling a local feed.
 * New items become events exactly once (pages overlap nothing and repeat nothing), each is
 * delivered once as `trigger.event`, the cursor only moves with a committed batch, and a feed
 * that refuses the credentials marks the connection `needs_reauth` and stops the polling.
 */
import { type RunningWorker, startWorker } from '@patchbay/engine';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpSession, ok } from '../testing/http-session.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';
import { type FakeFeed, startFakeFeed } from './fake-feed.ts';
import { acmeFeed } from './triggers-connector.ts';

let feed: FakeFeed;
let server: TestServer;
let worker: RunningWorker;
let receiver: WebhookReceiver;
let owner: HttpSession;

beforeAll(async () => {
  feed = await startFakeFeed();
  server = await startTestServer({ connectors: [acmeFeed(feed.url)] });
  worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100 });
  receiver = await startWebhookReceiver();
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `polling-${Date.now()}@example.com`);
  const org = ok(await user.mutation('orgs.create', { name: 'Polling' })).id;
  owner = user.withOrg(org);
  ok(await owner.mutation('webhooks.create', { url: receiver.url, events: ['trigger.event'] }));
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await receiver?.close();
  await feed?.close();
});

const storedIds = async (subscriptionId: string) =>
  (ok(await owner.query('events.list', { subscriptionId })).events as { providerEventId: string }[]).map((e) => e.providerEventId).sort();

describe('a polling trigger', () => {
  it('stores and delivers each new item once across polls, advancing the cursor with each committed batch', async () => {
    feed.items.push({ id: 1, title: 'one' }, { id: 2, title: 'two' }, { id: 3, title: 'three' });
    const connectionId = ok(
      await owner.mutation('connections.create', { connectorId: 'acme-feed', credentials: { apiKey: 'feed-key' } }),
    ).id;
    const tooFast = await owner.mutation('triggers.subscribe', { connectionId, trigger: 'newItems', pollIntervalMs: 100 });
    expect(tooFast.status).toBe(400);
    const sub = ok(await owner.mutation('triggers.subscribe', { connectionId, trigger: 'newItems' }));

    await vi.waitFor(async () => expect(await storedIds(sub.id)).toEqual(['1', '2', '3']), { timeout: 20_000, interval: 200 });
    feed.items.push({ id: 4, title: 'four' });
    await vi.waitFor(async () => expect(await storedIds(sub.id)).toEqual(['1', '2', '3', '4']), { timeout: 20_000, interval: 200 });
    await vi.waitFor(() => expect(receiver.deliveries.filter((d) => d.event.data.subscriptionId === sub.id)).toHaveLength(4), {
      timeout: 20_000,
      interval: 200,
    });
    // More polls, nothing new: nothing stored or delivered twice, and the feed was asked from the cursor.
    const asked = feed.polls.length;
    await vi.waitFor(() => expect(feed.polls.length).toBeGreaterThan(asked + 1), { timeout: 20_000, interval: 100 });
    expect(await storedIds(sub.id)).toEqual(['1', '2', '3', '4']);
    expect(
      receiver.deliveries
        .filter((d) => d.event.data.subscriptionId === sub.id)
        .map((d) => d.event.data.providerEventId)
        .sort(),
    ).toEqual(['1', '2', '3', '4']);
    expect(feed.polls.slice(-2)).toEqual(['4', '4']);
    const [listed] = ok(await owner.query('triggers.list', { connectionId }));
    expect(listed).toMatchObject({ status: 'active', pollIntervalMs: 300 });

    // The feed refuses the key: the connection needs re-authorization and polling stops.
    feed.refuse = true;
    await vi.waitFor(async () => expect(ok(await owner.query('triggers.list', { connectionId }))[0].status).toBe('failed'), {
      timeout: 20_000,
      interval: 200,
    });
    expect(ok(await owner.query('connections.get', { id: connectionId })).status).toBe('needs_reauth');
    const requestsAfterStop = feed.requests;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(feed.requests).toBe(requestsAfterStop);
  });
});
