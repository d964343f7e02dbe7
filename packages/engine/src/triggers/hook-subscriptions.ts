/**
 * @module What a receipt at `POST /hooks/<id>` needs of its subscription (tenant, trigger,
 * config, opened secret), kept for a second. A provider sends bursts to one URL; without this
 * each receipt would first look its subscription up as `patchbay_system` (S10-500 measured two
 * round trips of five). A subscription's secret and config never change after it is made, so
 * an entry can only go stale by the subscription's deletion: unsubscribing in this process
 * evicts at once, and elsewhere the store's foreign key refuses the event (the receiver then
 * evicts and answers 404), so nothing is ever stored for a deleted subscription. The short age
 * bounds the rest (a deleted subscription answering a handshake) to one second.
 */
import type { WebhookTriggerDefinition } from '@patchbay/sdk';
import type { z } from 'zod';

export interface HookSubscription {
  tenantId: string;
  sub: { id: string; connection_id: string; connector_id: string; trigger: string; config: unknown };
  trigger: WebhookTriggerDefinition<z.ZodType, z.ZodType>;
  secret: string;
}

export const HOOK_SUBSCRIPTION_MAX_AGE_MS = 1000;
const MAX_ENTRIES = 10_000;

export class HookSubscriptions {
  readonly #entries = new Map<string, { value: HookSubscription; until: number }>();

  readonly #maxAgeMs: number;

  constructor(maxAgeMs = HOOK_SUBSCRIPTION_MAX_AGE_MS) {
    this.#maxAgeMs = maxAgeMs;
  }

  get(id: string, now = Date.now()): HookSubscription | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.#entries.delete(id);
    return undefined;
  }

  set(value: HookSubscription, now = Date.now()): void {
    if (this.#maxAgeMs <= 0) return;
    this.#entries.delete(value.sub.id);
    // Map order is insertion order: the first key is the oldest entry.
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value ?? '');
    this.#entries.set(value.sub.id, { value, until: now + this.#maxAgeMs });
  }

  delete(id: string): void {
    this.#entries.delete(id);
  }
}
