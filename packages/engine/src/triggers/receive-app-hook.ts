/**
 * @module Receiving one provider request at `POST /hooks/app/<connector id>`: the app-level URL a
 * provider such as Slack sends every workspace's events to. It is verified with the operator
 * OAuth app's `signingSecret` before anything else (a challenge is answered only then); the
 * trigger names the provider account (`team_id`), and the request goes to each subscription,
 * in any tenant, whose connection of this connector has that provider account. Finding them is
 * the one step that runs as `patchbay_system` and reads ids only; each subscription is then
 * parsed with its own config and stored in its own tenant's scope, once per provider event id.
 */
import { type Database, withSystem, withTenant } from '@patchbay/db';
import { receiveWebhook, type WebhookTriggerDefinition } from '@patchbay/sdk';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { HookOutcome, ReceiveDeps } from './receive-hook.ts';
import { storeEvents } from './store-events.ts';
import { APP_LEVEL_STATE, appHookUrl } from './subscriptions.ts';

export interface AppHookRequest {
  connectorId: string;
  rawBody: Uint8Array;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string>>;
  /** The request's query string with its `?` (or empty). */
  query?: string | undefined;
}

type AppTrigger = WebhookTriggerDefinition<z.ZodType, z.ZodType> & { accountOf: NonNullable<WebhookTriggerDefinition['accountOf']> };

function appTriggers(deps: ReceiveDeps, connectorId: string): Map<string, AppTrigger> {
  const triggers = deps.registry.get(connectorId)?.triggers ?? {};
  const found = new Map<string, AppTrigger>();
  for (const [name, trigger] of Object.entries(triggers)) {
    if (trigger.kind === 'webhook' && trigger.accountOf) found.set(name, trigger as AppTrigger);
  }
  return found;
}

/**
 * Subscriptions (any tenant) made for the app-level URL, to `triggers`, whose connection of
 * `connectorId` belongs to `accountId`.
 */
async function subscriptionsOf(db: Kysely<Database>, connectorId: string, accountId: string, triggers: readonly string[]) {
  return withSystem(db, (tx) =>
    tx
      .selectFrom('trigger_subscriptions as s')
      .innerJoin('connections as c', (join) => join.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.connection_id'))
      .select(['s.tenant_id', 's.id'])
      .where('s.connector_id', '=', connectorId)
      .where('c.connector_id', '=', connectorId)
      .where('c.provider_account_id', '=', accountId)
      .where('s.trigger', 'in', triggers)
      .where('s.status', '=', 'active')
      .where(sql<boolean>`(s.state ->> ${APP_LEVEL_STATE}) = 'true'`)
      .execute(),
  );
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export async function receiveAppHook(deps: ReceiveDeps, request: AppHookRequest): Promise<HookOutcome> {
  const triggers = appTriggers(deps, request.connectorId);
  const secret = deps.registry.oauthDefaults(request.connectorId)?.signingSecret;
  const first = triggers.values().next().value;
  if (!first || !secret) return { kind: 'unknown' };
  const webhook = {
    rawBody: request.rawBody,
    headers: request.headers,
    secrets: [secret],
    now: new Date(),
    url: `${appHookUrl(deps.publicUrl, request.connectorId)}${request.query ?? ''}`,
  };
  // Verify (and answer a challenge) once, before the body is trusted to name an account; the
  // events are parsed below per subscription, with each one's own config.
  const receipt = receiveWebhook(first, webhook, {});
  if (receipt.kind === 'refused' || receipt.kind === 'handshake') return receipt;
  let accountId: string | undefined;
  try {
    accountId = first.accountOf({ text: decoder.decode(request.rawBody), headers: request.headers });
  } catch {
    accountId = undefined;
  }
  if (!accountId) return { kind: 'malformed' };
  const subs = await subscriptionsOf(deps.db, request.connectorId, accountId, [...triggers.keys()]);
  let stored = 0;
  let duplicates = 0;
  if (subs.length > 0) await deps.queue?.ready();
  for (const { tenant_id: tenantId, id } of subs) {
    await withTenant(deps.db, tenantId, async (tx) => {
      const sub = await tx
        .selectFrom('trigger_subscriptions')
        .select(['id', 'connection_id', 'connector_id', 'trigger', 'config'])
        .where('id', '=', id)
        .executeTakeFirst();
      const trigger = sub ? triggers.get(sub.trigger) : undefined;
      if (!sub || !trigger) return;
      const events = receiveWebhook(trigger, webhook, sub.config);
      // One subscription's config not fitting the body must not keep the others from their events.
      if (events.kind !== 'events' || events.events.length === 0) return;
      const added = await storeEvents(tx, tenantId, sub, events.events, deps.queue !== undefined);
      stored += added;
      duplicates += events.events.length - added;
    });
  }
  return { kind: 'stored', stored, duplicates };
}
