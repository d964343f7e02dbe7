/**
 * @module Outbound events. Emitting looks up the tenant's endpoints that want the event type
 * (cached for a few seconds, so tenants without webhooks cost nothing on the hot path) and puts
 * one delivery job per endpoint on the queue, which retries with backoff.
 */
import { randomUUID } from 'node:crypto';
import { type Database, type WebhookEvent, withTenant } from '@patchbay/db';
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

const CACHE_MS = 5_000;

export class WebhookEmitter {
  readonly #db: Kysely<Database>;
  readonly #queue: JobQueue | undefined;
  readonly #cache = new Map<string, { at: number; endpoints: { id: string; events: WebhookEvent[] }[] }>();

  constructor(db: Kysely<Database>, queue: JobQueue | undefined) {
    this.#db = db;
    this.#queue = queue;
  }

  /** Forgets a tenant's cached endpoints (after one is added or removed in this process). */
  invalidate(tenantId: string): void {
    this.#cache.delete(tenantId);
  }

  async #endpoints(tenantId: string) {
    const cached = this.#cache.get(tenantId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.endpoints;
    const endpoints = await withTenant(this.#db, tenantId, (tx) => tx.selectFrom('webhook_endpoints').select(['id', 'events']).execute());
    this.#cache.set(tenantId, { at: Date.now(), endpoints });
    return endpoints;
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
