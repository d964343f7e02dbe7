/**
 * @module Delivers one event to one endpoint: a signed POST with a timeout. A non-2xx answer
 * or a network failure throws, and the queue retries with exponential backoff; the endpoint
 * row keeps the last outcome, and each (endpoint, event) has a delivery row with its attempts,
 * for the dashboard and for redelivery. A tenant chose the URL, so the host is vetted (no internal
 * addresses in production) and the POST goes through a dispatcher whose connect-time lookup
 * vets again: the socket can only reach an address that passed the check.
 */
import { type KeyRing, open, seal } from '@patchbay/auth';
import { type Database, withTenant } from '@patchbay/db';
import { egressRefusal, type LookupFunction, resolveVetted } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import { type Dispatcher, fetch } from 'undici';
import { recordDelivery } from './delivery-record.ts';
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

export interface DeliveryDeps {
  db: Kysely<Database>;
  ring: KeyRing;
  allowPrivateWebhooks?: boolean | undefined;
  /** Built with `createEgressAgent` from the same policy and lookup. */
  webhookDispatcher: Dispatcher;
  egressLookup?: LookupFunction | undefined;
}

export async function deliverWebhook(deps: DeliveryDeps, job: WebhookJob): Promise<'delivered' | 'endpoint_gone'> {
  const endpoint = await withTenant(deps.db, job.tenantId, (tx) =>
    tx.selectFrom('webhook_endpoints').select(['url', 'secret_sealed']).where('id', '=', job.endpointId).executeTakeFirst(),
  );
  if (!endpoint) return 'endpoint_gone';
  const started = performance.now();
  const refused = await refusedDestination(endpoint.url, deps);
  const { status, error } = refused ? { status: null, error: refused } : await post(deps.webhookDispatcher, deps.ring, job, endpoint);
  const durationMs = Math.round(performance.now() - started);
  await withTenant(deps.db, job.tenantId, async (tx) => {
    await tx
      .updateTable('webhook_endpoints')
      .set({ last_delivery_at: new Date(), last_delivery_status: status, last_delivery_error: error ?? null })
      .where('id', '=', job.endpointId)
      .execute();
    await recordDelivery(tx, job, { status, error, durationMs });
  });
  if (error) throw new WebhookDeliveryError(error);
  return 'delivered';
}

const INTERNAL = 'the webhook host resolves to an internal address';

/** Undefined when the URL may be called; otherwise why not, in words safe to store and show. */
async function refusedDestination(
  url: string,
  deps: { allowPrivateWebhooks?: boolean | undefined; egressLookup?: LookupFunction | undefined },
): Promise<string | undefined> {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return 'the webhook URL is not valid';
  }
  // An early, clear answer; the dispatcher's own lookup is what actually guards the socket.
  return resolveVetted(host, { allowPrivate: deps.allowPrivateWebhooks, lookup: deps.egressLookup }).then(
    () => undefined,
    (error: unknown) => (egressRefusal(error)?.code === 'EGRESS_INTERNAL' ? INTERNAL : 'the webhook host does not resolve'),
  );
}

/** The signed POST; what the endpoint answered, and what went wrong if anything did. */
async function post(
  dispatcher: Dispatcher,
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
      dispatcher,
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
    if (egressRefusal(cause)) return { status: null, error: INTERNAL };
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    return { status: null, error: timedOut ? `no answer within ${TIMEOUT_MS} ms` : 'endpoint unreachable' };
  }
}
