/**
 * @module Sending an event again, and sending a test event, on a tenant admin's request.
 * A redelivery queues the stored event as it was first sent (same event id, so a receiver that
 * de-duplicates sees it once); a test event is posted at once and its outcome returned, so the
 * admin sees whether the endpoint works without waiting for a real event. The caller (the API)
 * has already found the endpoint or delivery in the tenant.
 */
import { randomUUID } from 'node:crypto';
import type { JobQueue } from '../queue/jobs.ts';
import { type DeliveryDeps, deliverWebhook, WebhookDeliveryError } from './deliver.ts';
import type { OutboundEvent } from './events.ts';

export async function redeliverWebhook(
  queue: JobQueue | undefined,
  job: { tenantId: string; endpointId: string; event: OutboundEvent },
): Promise<void> {
  if (!queue) throw new Error('This process has no job queue to deliver with');
  await queue.addWebhook(job);
}

export interface TestDelivery {
  eventId: string;
  delivered: boolean;
  /** Why not, in words safe to show (`endpoint answered 500`, `endpoint unreachable`). */
  error: string | null;
}

export async function sendTestWebhook(deps: DeliveryDeps, tenantId: string, endpointId: string): Promise<TestDelivery | undefined> {
  const event: OutboundEvent = {
    id: `evt_${randomUUID()}`,
    type: 'webhook.test',
    createdAt: new Date().toISOString(),
    tenantId,
    data: { message: 'A test event from Patchbay' },
  };
  try {
    const result = await deliverWebhook(deps, { tenantId, endpointId, event });
    return result === 'endpoint_gone' ? undefined : { eventId: event.id, delivered: true, error: null };
  } catch (error) {
    if (error instanceof WebhookDeliveryError) return { eventId: event.id, delivered: false, error: error.message };
    throw error;
  }
}
