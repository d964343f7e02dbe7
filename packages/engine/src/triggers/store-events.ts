/**
 * @module Storing a batch of trigger events inside the caller's tenant transaction: each is
 * inserted once per `(subscription, provider event id)`, and only a newly stored one gets its
 * `trigger.event` deliveries queued (by `patchbay_queue_webhook`, in the same transaction). Shared
 * by the webhook receiver and the poller.
 *
 * Two plain statements at most (the insert, then the deliveries when something was new): a
 * receipt is on the hot path of every provider's webhooks. Measured against one statement
 * holding both as CTEs, the plain pair commits about twice as many receipts per second; the
 * CTE's planning under three tables' row-level security cost more than the round trip it saved.
 */
import type { Database } from '@patchbay/db';
import type { TriggerEventDraft } from '@patchbay/sdk';
import { type Kysely, sql } from 'kysely';

export type Sub = { id: string; connection_id: string; connector_id: string; trigger: string };

// When this process last wrote each subscription's `last_event_at`.
const touched = new Map<string, number>();
const TOUCH_EVERY_MS = 1000;

/**
 * `last_event_at`, at most once a second per subscription: every receipt writing the one
 * subscription row would queue all concurrent receipts of a subscription behind each other's
 * commit (S10 measured it). The process skips the statement within the second; the SQL condition
 * keeps several processes from taking turns on the row.
 */
async function touchSubscription(tx: Kysely<Database>, subscriptionId: string): Promise<void> {
  const now = Date.now();
  if ((touched.get(subscriptionId) ?? 0) > now - TOUCH_EVERY_MS) return;
  if (touched.size >= 10_000) touched.clear();
  touched.set(subscriptionId, now);
  await tx
    .updateTable('trigger_subscriptions')
    .set({ last_event_at: sql<Date>`now()` })
    .where('id', '=', subscriptionId)
    .where((eb) => eb.or([eb('last_event_at', 'is', null), eb('last_event_at', '<', sql<Date>`now() - interval '1 second'`)]))
    .execute();
}

/** One subscription's events, as one receipt or poll brought them. */
export interface EventBatch {
  sub: Sub;
  events: readonly TriggerEventDraft[];
}

/**
 * Stores several subscriptions' events (all of one tenant) with one insert and one queueing
 * statement; returns how many of each batch's events were new. An event id repeated across
 * batches of one subscription is stored once, and credited to the first batch that had it.
 */
export async function storeEventBatches(
  tx: Kysely<Database>,
  tenantId: string,
  batches: readonly EventBatch[],
  queueDeliveries: boolean,
): Promise<number[]> {
  const values = batches.flatMap(({ sub, events }) =>
    events.map((event) => ({
      tenant_id: tenantId,
      subscription_id: sub.id,
      connection_id: sub.connection_id,
      provider_event_id: event.id,
      provider_account_id: event.accountId ?? null,
      event_type: event.type,
      payload: JSON.stringify(event.payload),
    })),
  );
  const counts = batches.map(() => 0);
  if (values.length === 0) return counts;
  const rows = await tx
    .insertInto('trigger_events')
    .values(values)
    .onConflict((oc) => oc.columns(['tenant_id', 'subscription_id', 'provider_event_id']).doNothing())
    .returning(['id', 'created_at', 'subscription_id', 'provider_event_id'])
    .execute();
  if (rows.length === 0) return counts;
  const outbound: unknown[] = [];
  for (const row of rows) {
    const index = batches.findIndex((b) => b.sub.id === row.subscription_id && b.events.some((e) => e.id === row.provider_event_id));
    const batch = batches[index];
    const event = batch?.events.find((e) => e.id === row.provider_event_id);
    if (!batch || !event) continue;
    counts[index] = (counts[index] ?? 0) + 1;
    outbound.push({
      id: `evt_${row.id}`,
      type: 'trigger.event',
      createdAt: row.created_at.toISOString(),
      tenantId,
      data: {
        eventId: row.id,
        subscriptionId: batch.sub.id,
        connectionId: batch.sub.connection_id,
        connectorId: batch.sub.connector_id,
        trigger: batch.sub.trigger,
        providerEventId: event.id,
        providerAccountId: event.accountId ?? null,
        type: event.type,
        payload: event.payload,
      },
    });
  }
  if (queueDeliveries) {
    // One statement for every endpoint and event; nothing queued when the tenant has no such endpoint.
    await sql`
      select patchbay_queue_webhook(${tenantId}::uuid, e.id, o.value)
      from webhook_endpoints e cross join jsonb_array_elements(${JSON.stringify(outbound)}::jsonb) o
      where 'trigger.event' = any(e.events)`.execute(tx);
  }
  for (const id of new Set(rows.map((row) => row.subscription_id))) await touchSubscription(tx, id);
  return counts;
}

/** Returns how many events were new. */
export async function storeEvents(
  tx: Kysely<Database>,
  tenantId: string,
  sub: Sub,
  events: readonly TriggerEventDraft[],
  queueDeliveries: boolean,
): Promise<number> {
  const [stored] = await storeEventBatches(tx, tenantId, [{ sub, events }], queueDeliveries);
  return stored ?? 0;
}
