/**
 * @module Outbound events. Emitting looks up the tenant's endpoints that want the event type and
 * puts one delivery job per endpoint on the queue, which retries with backoff. The lookup is
 * cached so tenants without webhooks cost nothing on the hot path: in server processes behind the
 * change feed (every change to a tenant's endpoints notifies `w:<tenant>` from the database,
 * migration 202612040500), elsewhere (a worker) for a few seconds.
 */
import { randomUUID } from 'node:crypto';
import { announceChange, changeFeedFor, type Database, FeedCache, type WebhookEvent, withTenant } from '@patchbay/db';
import { redact } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type { JobQueue } from '../queue/jobs.ts';

export interface OutboundEvent {
  id: string;
  /** `webhook.test` only for `webhooks.test`; endpoints subscribe to the others. */
  type: WebhookEvent | 'webhook.test';
  createdAt: string;
  tenantId: string;
  data: Record<string, unknown>;
}

/** Without a change feed: how long a process may emit to a tenant's endpoints as it last read them. */
const CACHE_MS = 5_000;
/** With one: a backstop only, as for keys and connections. */
const FEED_CACHE_MAX_AGE_MS = 60_000;
const FEED_CACHE_MAX_ENTRIES = 100_000;

type Endpoints = { id: string; events: WebhookEvent[] }[];

export class WebhookEmitter {
  readonly #db: Kysely<Database>;
  readonly #queue: JobQueue | undefined;
  readonly #cache = new Map<string, { at: number; endpoints: Endpoints }>();
  readonly #feedCache: FeedCache<Endpoints> | undefined;

  constructor(db: Kysely<Database>, queue: JobQueue | undefined) {
    this.#db = db;
    this.#queue = queue;
    const feed = changeFeedFor(db);
    this.#feedCache = feed && new FeedCache(feed, { prefix: 'w:', maxAgeMs: FEED_CACHE_MAX_AGE_MS, maxEntries: FEED_CACHE_MAX_ENTRIES });
  }

  /** Forgets a tenant's cached endpoints at once (after one is added, changed or removed in this process). */
  invalidate(tenantId: string): void {
    this.#cache.delete(tenantId);
    announceChange(this.#db, `w:${tenantId}`);
  }

  async #endpoints(tenantId: string): Promise<Endpoints> {
    const feedCache = this.#feedCache;
    if (feedCache) {
      const cached = feedCache.get(tenantId);
      if (cached) return cached;
      const generation = feedCache.generation();
      const endpoints = await this.#read(tenantId);
      feedCache.set(tenantId, endpoints, generation);
      return endpoints;
    }
    const cached = this.#cache.get(tenantId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.endpoints;
    const endpoints = await this.#read(tenantId);
    this.#cache.set(tenantId, { at: Date.now(), endpoints });
    return endpoints;
  }

  #read(tenantId: string): Promise<Endpoints> {
    return withTenant(this.#db, tenantId, (tx) => tx.selectFrom('webhook_endpoints').select(['id', 'events']).execute());
  }

  /** Queues the event for every endpoint of the tenant that subscribed to its type. */
  async emit(tenantId: string, type: WebhookEvent, data: Record<string, unknown>): Promise<number> {
    if (!this.#queue) return 0;
    const targets = (await this.#endpoints(tenantId)).filter((e) => e.events.includes(type));
    if (targets.length === 0) return 0;
    // Callers pass errors already scrubbed of the call's credentials; the key rule still applies.
    const clean = redact(data, []) as Record<string, unknown>;
    const event: OutboundEvent = { id: `evt_${randomUUID()}`, type, createdAt: new Date().toISOString(), tenantId, data: clean };
    for (const endpoint of targets) await this.#queue.addWebhook({ tenantId, endpointId: endpoint.id, event });
    return targets.length;
  }

  /** Emits without ever failing the caller: an event that cannot be queued is logged by the caller's catch. */
  emitQuietly(tenantId: string, type: WebhookEvent, data: Record<string, unknown>): Promise<void> {
    return this.emit(tenantId, type, data).then(
      () => undefined,
      () => undefined,
    );
  }
}
