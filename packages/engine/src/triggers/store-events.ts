/**
 * @module Storing a batch of trigger events inside the caller's tenant transaction: each is
 * inserted once per `(subscription, provider event id)`, and only a newly stored one gets its
 * `trigger.event` deliveries queued (by `patchbay_queue_webhook`, in the same transaction). Shared
 * by the webhook receiver and the poller.
 */
import type { Database } from '@patchbay/db';
import type { TriggerEventDraft } from '@patchbay/sdk';
import { type Kysely, sql } from 'kysely';

/** Returns how many events were new. */
export async function storeEvents(
  tx: Kysely<Database>,
  tenantId: string,
  sub: { id: string; connection_id: string; connector_id: string; trigger: string },
  events: readonly TriggerEventDraft[],
  queueDeliveries: boolean,
): Promise<number> {
  const endpoints = queueDeliveries
    ? await tx.selectFrom('webhook_endpoints').select('id').where(sql<boolean>`'trigger.event' = any(events)`).execute()
    : [];
  let stored = 0;
  for (const event of events) {
    const row = await tx
      .insertInto('trigger_events')
      .values({
        tenant_id: tenantId,
        subscription_id: sub.id,
        connection_id: sub.connection_id,
        provider_event_id: event.id,
        provider_account_id: event.accountId ?? null,
        event_type: event.type,
        payload: JSON.stringify(event.payload),
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'subscription_id', 'provider_event_id']).doNothing())
      .returning(['id', 'created_at'])
      .executeTakeFirst();
    if (!row) continue;
    stored += 1;
    const outbound = {
      id: `evt_${row.id}`,
      type: 'trigger.event',
      createdAt: row.created_at.toISOString(),
      tenantId,
      data: {
        eventId: row.id,
        subscriptionId: sub.id,
        connectionId: sub.connection_id,
        connectorId: sub.connector_id,
        trigger: sub.trigger,
        providerEventId: event.id,
        providerAccountId: event.accountId ?? null,
        type: event.type,
        payload: event.payload,
      },
    };
    for (const endpoint of endpoints) {
      await sql`select patchbay_queue_webhook(${tenantId}::uuid, ${endpoint.id}::uuid, ${JSON.stringify(outbound)}::jsonb)`.execute(tx);
    }
  }
  if (stored > 0) {
    // At most once a second: every receipt writing the one subscription row would queue all
    // concurrent receipts of a subscription behind each other's commit (S10 measured it).
    await tx
      .updateTable('trigger_subscriptions')
      .set({ last_event_at: sql<Date>`now()` })
      .where('id', '=', sub.id)
      .where((eb) => eb.or([eb('last_event_at', 'is', null), eb('last_event_at', '<', sql<Date>`now() - interval '1 second'`)]))
      .execute();
  }
  return stored;
}
