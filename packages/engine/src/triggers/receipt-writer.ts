/**
 * @module Commits verified webhook receipts together: receipts that arrive while a commit is in
 * flight are stored by the next one, one transaction per tenant, so under a provider's burst many
 * receipts share one insert and one fsync, while a lone receipt waits for nothing but a turn of
 * the event loop. Each receipt still answers only after its own events are committed. When a
 * shared transaction fails, its receipts are stored again one by one, so one receipt's failure
 * (a subscription deleted meanwhile, a payload Postgres refuses) is never another's.
 */
import { Batcher, type Database, withTenant } from '@patchbay/db';
import type { TriggerEventDraft } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type { HookSubscription } from './hook-subscriptions.ts';
import { storeEventBatches } from './store-events.ts';

interface Receipt {
  known: HookSubscription;
  events: readonly TriggerEventDraft[];
}

type Stored = { ok: true; stored: number } | { ok: false; error: unknown };

export class ReceiptWriter {
  readonly #db: Kysely<Database>;
  readonly #queueDeliveries: boolean;
  readonly #batcher: Batcher<Receipt, Stored>;

  constructor(db: Kysely<Database>, queueDeliveries: boolean) {
    this.#db = db;
    this.#queueDeliveries = queueDeliveries;
    this.#batcher = new Batcher((receipts) => this.#write(receipts), { maxBatch: 200 });
  }

  /** How many of the receipt's events were new, once committed; throws what storing it threw. */
  async store(known: HookSubscription, events: readonly TriggerEventDraft[]): Promise<number> {
    const result = await this.#batcher.load({ known, events });
    if (!result) throw new Error('receipt writer lost a receipt');
    if (!result.ok) throw result.error;
    return result.stored;
  }

  async #write(receipts: Receipt[]): Promise<Map<Receipt, Stored>> {
    const byTenant = new Map<string, Receipt[]>();
    for (const receipt of receipts) {
      const list = byTenant.get(receipt.known.tenantId);
      if (list) list.push(receipt);
      else byTenant.set(receipt.known.tenantId, [receipt]);
    }
    const results = new Map<Receipt, Stored>();
    await Promise.all(
      [...byTenant].map(async ([tenantId, list]) => {
        try {
          const counts = await this.#commit(tenantId, list);
          for (const [i, receipt] of list.entries()) results.set(receipt, { ok: true, stored: counts[i] ?? 0 });
        } catch (error) {
          if (list.length === 1 && list[0]) {
            results.set(list[0], { ok: false, error });
            return;
          }
          for (const receipt of list) {
            try {
              const [stored] = await this.#commit(tenantId, [receipt]);
              results.set(receipt, { ok: true, stored: stored ?? 0 });
            } catch (own) {
              results.set(receipt, { ok: false, error: own });
            }
          }
        }
      }),
    );
    return results;
  }

  #commit(tenantId: string, receipts: readonly Receipt[]): Promise<number[]> {
    const batches = receipts.map(({ known, events }) => ({ sub: known.sub, events }));
    return withTenant(this.#db, tenantId, (tx) => storeEventBatches(tx, tenantId, batches, this.#queueDeliveries));
  }
}
