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
  const { status, error } = refused ? { status: null, error: refused } : await post(deps.ring, job, endpoint);
  await withTenant(deps.db, job.tenantId, (tx) =>
    tx
      .updateTable('webhook_endpoints')
      .set({ last_delivery_at: new Date(), last_delivery_status: status, last_delivery_error: error ?? null })
      .where('id', '=', job.endpointId)
      .execute(),
  );
  if (error) throw new WebhookDeliveryError(error);
  return 'delivered';
}

/** The signed POST; what the endpoint answered, and what went wrong if anything did. */
async function post(
  ring: KeyRing,
  job: WebhookJob,
  endpoint: { url: string; secret_sealed: string },
): Promise<{ status: number | null; error: string | undefined }> {
  const secret = open(ring, endpoint.secret_sealed, { tenantId: job.tenantId, recordId: job.endpointId, purpose: WEBHOOK_SECRET_PURPOSE });
  const body = JSON.stringify(job.event);
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
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, error: ok ? undefined : `endpoint answered ${response.status}` };
  } catch (cause) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    return { status: null, error: timedOut ? `no answer within ${TIMEOUT_MS} ms` : 'endpoint unreachable' };
  }
}
