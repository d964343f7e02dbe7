/**
 * @module The delivery row of one (endpoint, event): created at the first attempt, then each
 * retry or redelivery counts up `attempts` and overwrites the outcome, so the list shows one
 * line per event with how it ended and how many tries it took.
 */
import type { TenantTx } from '@patchbay/db';
import { sql } from 'kysely';
import type { WebhookJob } from './deliver.ts';

export interface DeliveryOutcome {
  status: number | null;
  error: string | undefined;
  durationMs: number;
}

export async function recordDelivery(tx: TenantTx, job: WebhookJob, outcome: DeliveryOutcome): Promise<void> {
  const values = {
    status: outcome.error ? ('failed' as const) : ('delivered' as const),
    response_status: outcome.status,
    error: outcome.error ?? null,
    duration_ms: outcome.durationMs,
  };
  await tx
    .insertInto('webhook_deliveries')
    .values({
      tenant_id: job.tenantId,
      endpoint_id: job.endpointId,
      event_id: job.event.id,
      event_type: job.event.type,
      event: JSON.stringify(job.event),
      ...values,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'endpoint_id', 'event_id']).doUpdateSet({
        ...values,
        attempts: sql<number>`webhook_deliveries.attempts + 1`,
        last_attempt_at: sql<Date>`now()`,
      }),
    )
    .execute();
}
