/**
 * A polling subscription's cursor survives a worker SIGKILL between polls: a separate worker
 * process polls and delivers, is killed, and a fresh one carries on from the committed cursor.
 * Every item is stored once and delivered once, and the new worker never asks the feed for
 * items before the cursor.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyEntry, parseKeyRing } from '@patchbay/auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpSession, ok } from '../testing/http-session.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import type { SpawnedProcess } from '../testing/spawn-process.ts';
import { spawnWorker } from '../testing/spawn-worker.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';
import { type FakeFeed, startFakeFeed } from './fake-feed.ts';
import { acmeFeed } from './triggers-connector.ts';

const CONFIG = fileURLToPath(new URL('./feed.config.ts', import.meta.url));
const KEYS = generateKeyEntry('poll1');

let feed: FakeFeed;
let server: TestServer;
let receiver: WebhookReceiver;
let owner: HttpSession;
let scratch: string;
const workers: SpawnedProcess[] = [];

beforeAll(async () => {
  feed = await startFakeFeed();
  server = await startTestServer({ connectors: [acmeFeed(feed.url)], ring: parseKeyRing(KEYS) });
  receiver = await startWebhookReceiver();
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `poll-kill-${Date.now()}@example.com`);
  owner = user.withOrg(ok(await user.mutation('orgs.create', { name: 'Poll kill' })).id);
  ok(await owner.mutation('webhooks.create', { url: receiver.url, events: ['trigger.event'] }));
  scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-poll-'));
});
afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await server?.close();
  await receiver?.close();
  await feed?.close();
  await rm(scratch, { recursive: true, force: true });
});

const env = () => ({
  ...process.env,
  DATABASE_URL: server.database.url,
  PATCHBAY_ENCRYPTION_KEYS: KEYS,
  PATCHBAY_CONFIG: CONFIG,
  PATCHBAY_DATA_DIR: scratch,
  FEED_UPSTREAM: feed.url,
  LOG_LEVEL: 'warn',
});

const storedIds = async (subscriptionId: string) =>
  (ok(await owner.query('events.list', { subscriptionId })).events as { providerEventId: string }[]).map((e) => e.providerEventId).sort();
const deliveredIds = (subscriptionId: string) =>
  receiver.deliveries
    .filter((d) => d.event.data.subscriptionId === subscriptionId)
    .map((d) => d.event.data.providerEventId as string)
    .sort();

describe('polling across a worker SIGKILL', () => {
  it('a new worker continues from the committed cursor: each item stored and delivered once', async () => {
    feed.items.push({ id: 1, title: 'one' }, { id: 2, title: 'two' }, { id: 3, title: 'three' });
    const connectionId = ok(
      await owner.mutation('connections.create', { connectorId: 'acme-feed', credentials: { apiKey: 'feed-key' } }),
    ).id;
    // Two seconds between polls, so the kill lands between polls, not inside one.
    const sub = ok(await owner.mutation('triggers.subscribe', { connectionId, trigger: 'newItems', pollIntervalMs: 2_000 }));

    const doomed = await spawnWorker(env());
    workers.push(doomed);
    await vi.waitFor(async () => expect(await storedIds(sub.id)).toEqual(['1', '2', '3']), { timeout: 30_000, interval: 200 });
    await vi.waitFor(() => expect(deliveredIds(sub.id)).toEqual(['1', '2', '3']), { timeout: 30_000, interval: 200 });
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const pollsBefore = feed.polls.length;

    feed.items.push({ id: 4, title: 'four' }, { id: 5, title: 'five' });
    workers.push(await spawnWorker(env()));
    await vi.waitFor(async () => expect(await storedIds(sub.id)).toEqual(['1', '2', '3', '4', '5']), { timeout: 30_000, interval: 200 });
    await vi.waitFor(() => expect(deliveredIds(sub.id)).toEqual(['1', '2', '3', '4', '5']), { timeout: 30_000, interval: 200 });
    // The new worker asked only from the committed cursor on.
    expect(feed.polls.slice(pollsBefore)[0]).toBe('3');
  });
});
