/**
 * @module Receiving one provider request at `POST /hooks/<subscription id>`. The subscription's
 * tenant is found as `patchbay_system` (the request carries no tenant), in the same transaction
 * that then narrows to that tenant to store; a subscription seen in the last second is taken
 * from `HookSubscriptions` instead, and its receipt is one tenant transaction. The signature is
 * verified on the raw bytes before anything is parsed or stored; the events and their outbound
 * deliveries are committed before the 2xx, and an event id already stored for the subscription
 * is a no-op, so a provider's retries neither store nor deliver twice. Unknown and unverifiable
 * requests learn nothing but 404/401.
 */

import type { KeyRing } from '@patchbay/auth';
import { type Database, isUuid, type TenantTx, withSystem, withSystemThenTenant, withTenant } from '@patchbay/db';
import { type HandshakeReply, receiveWebhook, type TriggerEventDraft, type VerifyFailure } from '@patchbay/sdk';
import type { Kysely, Transaction } from 'kysely';
import type { JobQueue } from '../queue/jobs.ts';
import type { ConnectorRegistry } from '../registry.ts';
import type { HookSubscription, HookSubscriptions } from './hook-subscriptions.ts';
import type { ReceiptWriter } from './receipt-writer.ts';
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
  /** Subscriptions seen in the last second (none kept when absent). */
  hookSubscriptions?: HookSubscriptions | undefined;
  /** Commits concurrent receipts together (each alone when absent). */
  receipts?: ReceiptWriter | undefined;
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

/** What verifying one request against its subscription gives: a final answer, or events to store. */
function verify(deps: ReceiveDeps, known: HookSubscription, request: HookRequest): HookOutcome | TriggerEventDraft[] {
  const receipt = receiveWebhook(
    known.trigger,
    {
      rawBody: request.rawBody,
      headers: request.headers,
      secrets: [known.secret],
      now: new Date(),
      url: `${hookUrl(deps.publicUrl, known.sub.id)}${request.query ?? ''}`,
    },
    known.sub.config,
  );
  if (receipt.kind === 'refused' || receipt.kind === 'handshake') return receipt;
  if (receipt.kind === 'malformed') return { kind: 'malformed' };
  return receipt.events;
}

async function store(deps: ReceiveDeps, tx: TenantTx, known: HookSubscription, events: TriggerEventDraft[]): Promise<HookOutcome> {
  if (events.length === 0) return { kind: 'stored', stored: 0, duplicates: 0 };
  const stored = await storeEvents(tx, known.tenantId, known.sub, events, deps.queue !== undefined);
  return { kind: 'stored', stored, duplicates: events.length - stored };
}

async function lookUp(deps: ReceiveDeps, tx: Transaction<Database>, subscriptionId: string): Promise<HookSubscription | undefined> {
  const row = await tx
    .selectFrom('trigger_subscriptions')
    .select(['tenant_id', 'id', 'connection_id', 'connector_id', 'trigger', 'config', 'secret_sealed'])
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
  const trigger = row ? deps.registry.get(row.connector_id)?.triggers?.[row.trigger] : undefined;
  if (!row || trigger?.kind !== 'webhook') return undefined;
  const { tenant_id: tenantId, secret_sealed: sealed, ...sub } = row;
  return { tenantId, sub, trigger, secret: openTriggerSecret(deps.ring, tenantId, sub.id, sealed) };
}

// 23503: the subscription (or its connection or tenant) was deleted after this process cached it.
const isDeletedSubscription = (error: unknown) => typeof error === 'object' && error !== null && 'code' in error && error.code === '23503';

export async function receiveHook(deps: ReceiveDeps, request: HookRequest): Promise<HookOutcome> {
  const id = request.subscriptionId;
  if (!isUuid(id)) return { kind: 'unknown' };
  // graphile-worker's schema must exist before the delivery function writes to it.
  await deps.queue?.ready();
  try {
    const cached = deps.hookSubscriptions?.get(id);
    if (cached) {
      // Verified before a connection is taken: a refused request costs the database nothing.
      const verdict = verify(deps, cached, request);
      if (!Array.isArray(verdict)) return verdict;
      if (verdict.length === 0) return { kind: 'stored', stored: 0, duplicates: 0 };
      if (!deps.receipts) return await withTenant(deps.db, cached.tenantId, (tx) => store(deps, tx, cached, verdict));
      const stored = await deps.receipts.store(cached, verdict);
      return { kind: 'stored', stored, duplicates: verdict.length - stored };
    }
    // One transaction: found as patchbay_system (the request names no tenant; its subscription
    // id is all it has), then verified and stored in that tenant's scope.
    const outcome = await withSystemThenTenant(
      deps.db,
      (tx) => lookUp(deps, tx, id),
      (tx, known) => {
        deps.hookSubscriptions?.set(known);
        const verdict = verify(deps, known, request);
        return Array.isArray(verdict) ? store(deps, tx, known, verdict) : Promise.resolve(verdict);
      },
    );
    return outcome ?? { kind: 'unknown' };
  } catch (error) {
    if (!isDeletedSubscription(error)) throw error;
    deps.hookSubscriptions?.delete(id);
    return { kind: 'unknown' };
  }
}
