/**
 * @module One poll of a polling trigger subscription, run by its `patchbay_poll` job (the job's
 * lock is the lease: one poll per subscription at a time). The new cursor, the events and the
 * next poll commit in one transaction, and the cursor moves only if it is still the one polled
 * from, so a batch is never lost or skipped. A failed poll backs off (doubling, capped at an
 * hour, with jitter); credentials the provider refuses mark the connection `needs_reauth` and
 * stop polling until the subscription is made again.
 */
import { type Database, withTenant } from '@patchbay/db';
import { runPoll } from '@patchbay/sdk';
import { type Kysely, sql } from 'kysely';
import { credentialsRejected, rejectionReason, writeConnectionStatus } from '../connections/connection-status.ts';
import { dispatcherFor } from '../connections/connector-dispatcher.ts';
import { liveCredentials } from '../connections/live-credentials.ts';
import { EngineError } from '../engine-error.ts';
import type { WebhookEmitter } from '../webhooks/events.ts';
import { storeEvents } from './store-events.ts';
import type { TriggerDeps } from './subscriptions.ts';

export interface PollJob {
  tenantId: string;
  subscriptionId: string;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** `ms` give or take 10%, so subscriptions made together do not poll together. */
const jittered = (ms: number) => Math.round(ms * (0.9 + Math.random() * 0.2));

export async function queuePoll(tx: Kysely<Database>, tenantId: string, subscriptionId: string, inMs: number): Promise<void> {
  await sql`select patchbay_queue_poll(${tenantId}::uuid, ${subscriptionId}::uuid, now() + make_interval(secs => ${inMs / 1000}))`.execute(
    tx,
  );
}

export type PollOutcome = 'polled' | 'moved' | 'gone' | 'failed' | 'stopped';

export async function pollSubscription(
  deps: TriggerDeps & { events?: WebhookEmitter | undefined; queue?: { ready(): Promise<unknown> } | undefined },
  job: PollJob,
): Promise<PollOutcome> {
  const { tenantId, subscriptionId } = job;
  const sub = await withTenant(deps.db, tenantId, (tx) =>
    tx
      .selectFrom('trigger_subscriptions')
      .select(['id', 'connection_id', 'connector_id', 'trigger', 'config', 'cursor', 'status', 'poll_interval_ms', 'consecutive_failures'])
      .where('id', '=', subscriptionId)
      .executeTakeFirst(),
  );
  if (sub?.status !== 'active') return 'gone';
  const connector = deps.registry.get(sub.connector_id);
  const trigger = connector?.triggers?.[sub.trigger];
  if (!connector || trigger?.kind !== 'polling') return 'gone';
  const interval = Math.max(sub.poll_interval_ms ?? trigger.intervalMs, trigger.intervalMs);
  await deps.queue?.ready();
  let live: Awaited<ReturnType<typeof liveCredentials>> | undefined;
  try {
    live = await liveCredentials(deps, connector, tenantId, sub.connection_id);
    const result = await runPoll(connector, trigger, {
      credentials: live.credentials,
      connection: { id: sub.connection_id, metadata: live.loaded.metadata, scopes: live.loaded.scopes },
      config: sub.config,
      cursor: sub.cursor,
      ...(live.refreshCredentials ? { refreshCredentials: live.refreshCredentials } : {}),
      ...dispatcherFor(deps, connector),
    });
    return await withTenant(deps.db, tenantId, async (tx) => {
      const moved = await tx
        .updateTable('trigger_subscriptions')
        .set({ cursor: result.cursor, consecutive_failures: 0, last_error: null, updated_at: new Date() })
        .where('id', '=', subscriptionId)
        .where(sql<boolean>`cursor is not distinct from ${sub.cursor}`)
        .returning('id')
        .executeTakeFirst();
      // Another poll committed first (a stale job): its batch stands, this one is dropped.
      if (!moved) return 'moved' as const;
      await storeEvents(tx, tenantId, sub, result.events, deps.queue !== undefined);
      await queuePoll(tx, tenantId, subscriptionId, jittered(interval));
      return 'polled' as const;
    });
  } catch (error) {
    if (error instanceof EngineError && error.code === 'CONNECTION_NOT_FOUND') return 'gone';
    const stop = credentialsRejected(error) || (error instanceof EngineError && error.code === 'CONNECTION_INACTIVE');
    const reason = credentialsRejected(error) ? rejectionReason(error) : error instanceof Error ? error.message : 'The poll failed';
    if (live && credentialsRejected(error)) {
      await writeConnectionStatus(deps, {
        tenantId,
        connectionId: sub.connection_id,
        connectorId: connector.id,
        from: live.loaded.status,
        to: 'needs_reauth',
        reason,
      }).catch(() => {});
    }
    const failures = sub.consecutive_failures + 1;
    await withTenant(deps.db, tenantId, async (tx) => {
      await tx
        .updateTable('trigger_subscriptions')
        .set({ consecutive_failures: failures, last_error: reason.slice(0, 500), ...(stop ? { status: 'failed' as const } : {}) })
        .where('id', '=', subscriptionId)
        .execute();
      if (!stop) await queuePoll(tx, tenantId, subscriptionId, jittered(Math.min(interval * 2 ** failures, MAX_BACKOFF_MS)));
    });
    return stop ? 'stopped' : 'failed';
  }
}
