/**
 * @module Delivers one event to one endpoint: a signed POST with a timeout. A non-2xx answer
 * or a network failure throws, and the queue retries with exponential backoff; the endpoint
 * row keeps the last outcome.
 */
import { type KeyRing, open, seal } from '@patchbay/auth';
import { type Database, withTenant } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { refusedDestination } from './destination.ts';
import type { OutboundEvent } from './events.ts';
import { SIGNATURE_HEADER, signWebhook } from './signature.ts';

export const WEBHOOK_SECRET_PURPOSE = 'webhook.secret';
const TIMEOUT_MS = 10_000;

export interface WebhookJob {
  tenantId: string;
  endpointId: string;
  event: OutboundEvent;
}

export function sealWebhookSecret(ring: KeyRing, tenantId: string, endpointId: string, secret: string): string {
  return seal(ring, secret, { tenantId, recordId: endpointId, purpose: WEBHOOK_SECRET_PURPOSE });
}

export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
}

export async function deliverWebhook(
  deps: { db: Kysely<Database>; ring: KeyRing; allowPrivateWebhooks?: boolean | undefined },
  job: WebhookJob,
): Promise<'delivered' | 'endpoint_gone'> {
  const endpoint = await withTenant(deps.db, job.tenantId, (tx) =>
    tx.selectFrom('webhook_endpoints').select(['url', 'secret_sealed']).where('id', '=', job.endpointId).executeTakeFirst(),
  );
  if (!endpoint) return 'endpoint_gone';
  const refused = deps.allowPrivateWebhooks ? undefined : await refusedDestination(endpoint.url);
  if (refused) {
    await withTenant(deps.db, job.tenantId, (tx) =>
      tx
        .updateTable('webhook_endpoints')
        .set({ last_delivery_at: new Date(), last_delivery_status: null, last_delivery_error: refused })
        .where('id', '=', job.endpointId)
        .execute(),
    );
    throw new WebhookDeliveryError(refused);
  }
  const secret = open(deps.ring, endpoint.secret_sealed, {
    tenantId: job.tenantId,
    recordId: job.endpointId,
    purpose: WEBHOOK_SECRET_PURPOSE,
  });
  const body = JSON.stringify(job.event);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'patchbay-webhooks',
        'patchbay-event-id': job.event.id,
        'patchbay-event-type': job.event.type,
        [SIGNATURE_HEADER]: signWebhook(secret, body),
      },
    });
    status = response.status;
    await response.body?.cancel();
    if (status < 200 || status >= 300) error = `endpoint answered ${status}`;
  } catch (cause) {
    error = cause instanceof Error && cause.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : 'endpoint unreachable';
  }
  await withTenant(deps.db, job.tenantId, (tx) =>
    tx
      .updateTable('webhook_endpoints')
      .set({ last_delivery_at: new Date(), last_delivery_status: status, last_delivery_error: error })
      .where('id', '=', job.endpointId)
      .execute(),
  );
  if (error) throw new WebhookDeliveryError(error);
  return 'delivered';
}
