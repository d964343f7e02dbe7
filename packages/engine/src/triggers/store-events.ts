/**
 * @module Storing a batch of trigger events inside the caller's tenant transaction: each is
 * inserted once per `(subscription, provider event id)`, and only a newly stored one gets its
 * `trigger.event` deliveries queued (by `patchbay_queue_webhook`, in the same transaction). Shared
 * by the webhook receiver and the poller.
 *
 * One statement does it all (insert, queue a delivery per endpoint, touch the subscription):
 * a receipt is on the hot path of every provider's webhooks, and each statement is a round trip
 * the provider waits on (S10-500 measured it).
 */
import type { Database } from '@patchbay/db';
import type { TriggerEventDraft } from '@patchbay/sdk';
import { type Kysely, sql } from 'kysely';

// The outbound event as the tenant's endpoints receive it (`createdAt` in `toISOString` form).
const OUTBOUND = sql`jsonb_build_object(
  'id', 'evt_' || i.id,
  'type', 'trigger.event',
  'createdAt', to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'tenantId', i.tenant_id,
  'data', jsonb_build_object(
    'eventId', i.id,
    'subscriptionId', i.subscription_id,
    'connectionId', i.connection_id,
    'connectorId', s.connector_id,
    'trigger', s.trigger,
    'providerEventId', i.provider_event_id,
    'providerAccountId', i.provider_account_id,
    'type', i.event_type,
    'payload', i.payload))`;

/** Returns how many events were new. */
export async function storeEvents(
  tx: Kysely<Database>,
  tenantId: string,
  sub: { id: string; connection_id: string; connector_id: string; trigger: string },
  events: readonly TriggerEventDraft[],
  queueDeliveries: boolean,
): Promise<number> {
  if (events.length === 0) return 0;
  const drafts = JSON.stringify(
    events.map((event, ord) => ({ ord, id: event.id, account_id: event.accountId ?? null, type: event.type, payload: event.payload })),
  );
  const { rows } = await sql<{ stored: number }>`
    with drafts as (
      select * from jsonb_to_recordset(${drafts}::jsonb) as d(ord int, id text, account_id text, type text, payload jsonb)
    ),
    i as (
      insert into trigger_events (tenant_id, subscription_id, connection_id, provider_event_id, provider_account_id, event_type, payload)
      select ${tenantId}::uuid, ${sub.id}::uuid, ${sub.connection_id}::uuid, d.id, d.account_id, d.type, d.payload
      from drafts d order by d.ord
      on conflict (tenant_id, subscription_id, provider_event_id) do nothing
      returning tenant_id, id, subscription_id, connection_id, provider_event_id, provider_account_id, event_type, payload, created_at
    ),
    queued as (
      select patchbay_queue_webhook(i.tenant_id, e.id, ${OUTBOUND})
      from i
      cross join (select ${sub.connector_id}::text as connector_id, ${sub.trigger}::text as trigger) s
      join webhook_endpoints e on ${queueDeliveries} and 'trigger.event' = any(e.events)
    ),
    -- At most once a second: every receipt writing the one subscription row would queue all
    -- concurrent receipts of a subscription behind each other's commit (S10 measured it).
    touched as (
      update trigger_subscriptions set last_event_at = now()
      where id = ${sub.id}::uuid and exists (select 1 from i)
        and (last_event_at is null or last_event_at < now() - interval '1 second')
      returning 1
    )
    select
      (select count(*) from i)::int as stored,
      (select count(*) from queued)::int as queued,
      (select count(*) from touched)::int as touched`.execute(tx);
  return rows[0]?.stored ?? 0;
}
