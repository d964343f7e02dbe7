/**
 * @module Receiving one provider request at `POST /hooks/<subscription id>`. The subscription's
 * tenant is found as `patchbay_system` (the request carries no tenant); everything after runs in
 * that tenant's scope. The signature is verified on the raw bytes before anything is parsed or
 * stored; the events and their outbound deliveries are committed in one transaction before the
 * 2xx, and an event id already stored for the subscription is a no-op, so a provider's retries
 * neither store nor deliver twice. Unknown and unverifiable requests learn nothing but 404/401.
 */

import type { KeyRing } from '@patchbay/auth';
import { type Database, isUuid, withSystem, withSystemThenTenant } from '@patchbay/db';
import { type HandshakeReply, receiveWebhook, type VerifyFailure } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type { JobQueue } from '../queue/jobs.ts';
import type { ConnectorRegistry } from '../registry.ts';
import { storeEvents } from './store-events.ts';
import { hookUrl } from './subscriptions.ts';
import { openTriggerSecret } from './trigger-secret.ts';

export interface ReceiveDeps {
  db: Kysely<Database>;
  ring: KeyRing;
  registry: ConnectorRegistry;
  queue?: JobQueue | undefined;
  /** Base of the public receiving URLs, which some providers sign (Twilio). */
  publicUrl: string;
}

export interface HookRequest {
  subscriptionId: string;
  rawBody: Uint8Array;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string>>;
  /** The request's query string with its `?` (or empty): part of the URL Twilio signs. */
  query?: string | undefined;
}

export type HookOutcome =
  | { kind: 'unknown' }
  | { kind: 'refused'; reason: VerifyFailure }
  | { kind: 'malformed' }
  | { kind: 'handshake'; reply: HandshakeReply }
  | { kind: 'stored'; stored: number; duplicates: number };

/** The tenant of a subscription, read as `patchbay_system` (a hook request carries no tenant). */
export async function subscriptionTenant(db: Kysely<Database>, subscriptionId: string): Promise<string | undefined> {
  if (!isUuid(subscriptionId)) return undefined;
  const row = await withSystem(db, (tx) =>
    tx.selectFrom('trigger_subscriptions').select('tenant_id').where('id', '=', subscriptionId).executeTakeFirst(),
  );
  return row?.tenant_id;
}

export async function receiveHook(deps: ReceiveDeps, request: HookRequest): Promise<HookOutcome> {
  if (!isUuid(request.subscriptionId)) return { kind: 'unknown' };
  // graphile-worker's schema must exist before the delivery function writes to it.
  await deps.queue?.ready();
  // One transaction: found as patchbay_system (the request names no tenant; its subscription
  // id is all it has), then verified and stored in that tenant's scope.
  const outcome = await withSystemThenTenant(
    deps.db,
    async (tx) => {
      const sub = await tx
        .selectFrom('trigger_subscriptions')
        .select(['tenant_id', 'id', 'connection_id', 'connector_id', 'trigger', 'config', 'secret_sealed'])
        .where('id', '=', request.subscriptionId)
        .executeTakeFirst();
      const trigger = sub ? deps.registry.get(sub.connector_id)?.triggers?.[sub.trigger] : undefined;
      return sub && trigger?.kind === 'webhook' ? { tenantId: sub.tenant_id, sub, trigger } : undefined;
    },
    async (tx, { tenantId, sub, trigger }): Promise<HookOutcome> => {
      const secret = openTriggerSecret(deps.ring, tenantId, sub.id, sub.secret_sealed);
      const receipt = receiveWebhook(
        trigger,
        {
          rawBody: request.rawBody,
          headers: request.headers,
          secrets: [secret],
          now: new Date(),
          url: `${hookUrl(deps.publicUrl, sub.id)}${request.query ?? ''}`,
        },
        sub.config,
      );
      if (receipt.kind === 'refused') return receipt;
      if (receipt.kind === 'malformed') return { kind: 'malformed' };
      if (receipt.kind === 'handshake') return receipt;
      if (receipt.events.length === 0) return { kind: 'stored', stored: 0, duplicates: 0 };
      const stored = await storeEvents(tx, tenantId, sub, receipt.events, deps.queue !== undefined);
      return { kind: 'stored', stored, duplicates: receipt.events.length - stored };
    },
  );
  return outcome ?? { kind: 'unknown' };
}
