/**
 * @module Retention: finished runs, received trigger events and outbound webhook deliveries older than the retention period, and expired OAuth flows,
 * connect sessions, sessions and sign-in failures, are deleted by a scheduled job. Runs go in
 * batches so a large backlog never holds one long transaction. A pruned run's idempotency key
 * is free again, so keys are honoured for the retention period.
 */
import { type Database, withSystem } from '@patchbay/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';

export const DEFAULT_RUN_RETENTION_DAYS = 30;
const RUN_BATCH = 5_000;

export interface Pruned {
  runs: number;
  oauthFlows: number;
  connectSessions: number;
  sessions: number;
  signInFailures: number;
  triggerEvents: number;
  webhookDeliveries: number;
}

export async function pruneExpired(db: Kysely<Database>, runRetentionDays: number = DEFAULT_RUN_RETENTION_DAYS): Promise<Pruned> {
  if (!Number.isInteger(runRetentionDays) || runRetentionDays < 1)
    throw new RangeError('runRetentionDays must be a whole number of days, at least 1');
  const runs = await pruneInBatches(
    db,
    sql`
    delete from runs where (tenant_id, id) in (
      select tenant_id, id from runs
      where finished_at is not null and finished_at < now() - make_interval(days => ${runRetentionDays})
        and status in ('succeeded', 'failed', 'dead', 'cancelled')
      limit ${RUN_BATCH})`,
  );
  // Received trigger events are kept as long as runs.
  const triggerEvents = await pruneInBatches(
    db,
    sql`
    delete from trigger_events where (tenant_id, id) in (
      select tenant_id, id from trigger_events
      where created_at < now() - make_interval(days => ${runRetentionDays})
      limit ${RUN_BATCH})`,
  );
  // Outbound deliveries too, counted from their last attempt (a redelivery keeps one longer).
  const webhookDeliveries = await pruneInBatches(
    db,
    sql`
    delete from webhook_deliveries where (tenant_id, id) in (
      select tenant_id, id from webhook_deliveries
      where last_attempt_at < now() - make_interval(days => ${runRetentionDays})
      limit ${RUN_BATCH})`,
  );
  return withSystem(db, async (tx) => {
    const oauthFlows = await tx.deleteFrom('oauth_flows').where('expires_at', '<', sql<Date>`now()`).executeTakeFirst();
    const connectSessions = await tx.deleteFrom('connect_sessions').where('expires_at', '<', sql<Date>`now()`).executeTakeFirst();
    // Account tables are closed to patchbay_system; this function deletes only expired rows of them.
    const { rows } = await sql<{ pruned_sessions: string; pruned_sign_in_failures: string }>`
      select pruned_sessions, pruned_sign_in_failures from patchbay_prune_accounts()`.execute(tx);
    return {
      runs,
      oauthFlows: Number(oauthFlows.numDeletedRows),
      connectSessions: Number(connectSessions.numDeletedRows),
      sessions: Number(rows[0]?.pruned_sessions ?? 0),
      signInFailures: Number(rows[0]?.pruned_sign_in_failures ?? 0),
      triggerEvents,
      webhookDeliveries,
    };
  });
}

/** Runs one batched DELETE until a batch comes back short, each batch its own short transaction. */
async function pruneInBatches(db: Kysely<Database>, statement: RawBuilder<unknown>): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await withSystem(db, async (tx) => Number((await statement.execute(tx)).numAffectedRows ?? 0n));
    total += batch;
    if (batch < RUN_BATCH) return total;
  }
}
