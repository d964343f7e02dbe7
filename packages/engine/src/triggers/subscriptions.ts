/**
 * @module Trigger subscriptions: subscribing checks the connection and the config, creates the
 * provider-side hook when the trigger has a `subscribe` (with a secret generated here, or the OAuth
 * app's client secret for providers that sign with it: `signedWithClientSecret`), and then
 * stores the row with its sealed secret; unsubscribing undoes the provider side first. A trigger
 * without `subscribe` (Stripe endpoints made in Stripe's dashboard) needs the provider's secret.
 */
import { randomUUID } from 'node:crypto';
import type { KeyRing } from '@patchbay/auth';
import { type Database, withTenant } from '@patchbay/db';
import { type AnyConnector, ConnectorError, parseTriggerConfig, runTriggerSetup, triggerOf } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type { Dispatcher } from 'undici';
import type { ConnectionLoader } from '../connections/connection-loader.ts';
import { dispatcherFor } from '../connections/connector-dispatcher.ts';
import { liveCredentials } from '../connections/live-credentials.ts';
import { resolveOAuthApp } from '../connections/oauth-apps.ts';
import type { TokenRefresher } from '../connections/token-refresher.ts';
import { EngineError } from '../engine-error.ts';
import type { ConnectorRegistry } from '../registry.ts';
import type { HookSubscriptions } from './hook-subscriptions.ts';
import { queuePoll } from './poll-subscription.ts';
import { hubVerifyToken, newTriggerSecret, openTriggerSecret, sealTriggerSecret } from './trigger-secret.ts';

export interface TriggerDeps {
  db: Kysely<Database>;
  ring: KeyRing;
  registry: ConnectorRegistry;
  connections: ConnectionLoader;
  refresher: TokenRefresher;
  dispatcher?: Dispatcher | undefined;
  /** The egress-guarded dispatcher for templated hosts. */
  hostDispatcher?: Dispatcher | undefined;
  /** Base of the public receiving URLs (`<publicUrl>/hooks/<id>`). */
  publicUrl: string;
  /** The job queue, made ready before a first poll is queued. */
  queue?: { ready(): Promise<unknown> } | undefined;
  /** The receiver's subscriptions of the last second, evicted here on unsubscribe. */
  hookSubscriptions?: HookSubscriptions | undefined;
}

export interface NewSubscription {
  connectionId: string;
  trigger: string;
  config?: unknown;
  /** The provider's signing secret, for triggers whose hook the tenant registers at the provider. */
  signingSecret?: string | undefined;
  /** Polling triggers: a longer interval than the connector proposes. */
  pollIntervalMs?: number | undefined;
  actor?: string | undefined;
}

export const hookUrl = (publicUrl: string, subscriptionId: string) => `${publicUrl}/hooks/${subscriptionId}`;
/** The `state` key marking a subscription that receives at the app-level URL. */
export const APP_LEVEL_STATE = 'appLevel';
export const appHookUrl = (publicUrl: string, connectorId: string) => `${publicUrl}/hooks/app/${connectorId}`;

function installedConnector(registry: ConnectorRegistry, id: string): AnyConnector {
  const connector = registry.get(id);
  if (!connector) throw new EngineError('CONNECTOR_NOT_INSTALLED', `No installed connector ${id}`);
  return connector;
}

export async function subscribeTrigger(
  deps: TriggerDeps,
  tenantId: string,
  request: NewSubscription,
): Promise<{ id: string; url: string | null; trigger: string; connectorId: string; verifyToken?: string }> {
  const connection = await deps.connections.load(tenantId, request.connectionId);
  const connector = installedConnector(deps.registry, connection.connectorId);
  const trigger = triggerOf(connector, request.trigger);
  const config = parseTriggerConfig(trigger, request.config);
  const id = randomUUID();
  let url = hookUrl(deps.publicUrl, id);
  let secret = request.signingSecret;
  let state: Record<string, unknown> = {};
  let pollIntervalMs: number | null = null;
  if (trigger.kind === 'polling') {
    if (request.pollIntervalMs !== undefined && request.pollIntervalMs < trigger.intervalMs) {
      throw new ConnectorError('INVALID_INPUT', `pollIntervalMs may only lengthen the trigger's ${trigger.intervalMs} ms`, {
        path: 'pollIntervalMs',
      });
    }
    pollIntervalMs = request.pollIntervalMs ?? trigger.intervalMs;
    // Nothing signs polled events; the column holds a secret all the same, never used.
    secret = newTriggerSecret();
    await deps.queue?.ready();
  } else if (trigger.subscribe) {
    if (secret !== undefined) throw new ConnectorError('INVALID_INPUT', `${connector.id}.${request.trigger} makes its own signing secret`);
    const live = await liveCredentials(deps, connector, tenantId, request.connectionId);
    const generated = newTriggerSecret();
    const made = await runTriggerSetup(connector, trigger, 'subscribe', {
      ...setupOptions(deps, connector, live, connection.id),
      config,
      callbackUrl: url,
      secret: generated,
    });
    secret = made?.secret ?? (trigger.signedWithClientSecret ? await clientSecretOf(deps, tenantId, connector) : generated);
    state = made?.state ?? {};
  } else if (trigger.accountOf && !secret && deps.registry.oauthDefaults(connector.id)?.signingSecret) {
    // The operator's app sends every account's events to one URL, routed by provider account;
    // the subscription's own secret is never used.
    url = appHookUrl(deps.publicUrl, connector.id);
    secret = newTriggerSecret();
    // Marks it for the app-level route: a subscription made with the tenant's own app's secret
    // must not also get the operator app's events for the same account.
    state = { [APP_LEVEL_STATE]: true };
  } else if (!secret) {
    throw new ConnectorError('INVALID_INPUT', `Register ${url} at the provider and pass its signing secret as signingSecret`, {
      path: 'signingSecret',
    });
  }
  const store = withTenant(deps.db, tenantId, async (tx) => {
    await tx
      .insertInto('trigger_subscriptions')
      .values({
        tenant_id: tenantId,
        id,
        connection_id: connection.id,
        connector_id: connector.id,
        trigger: request.trigger,
        config: JSON.stringify(config),
        state: JSON.stringify(state),
        secret_sealed: sealTriggerSecret(deps.ring, tenantId, id, secret ?? ''),
        poll_interval_ms: pollIntervalMs,
        created_by: request.actor ?? null,
      })
      .execute();
    // The first poll, committed with the subscription: neither exists without the other.
    if (pollIntervalMs !== null && deps.queue) await queuePoll(tx, tenantId, id, 0);
  });
  try {
    await store;
  } catch (error) {
    // The provider hook exists but the subscription does not: take the hook down again, best effort.
    if (trigger.kind === 'webhook' && trigger.unsubscribe && secret) {
      const live = await liveCredentials(deps, connector, tenantId, request.connectionId).catch(() => undefined);
      if (live) {
        const options = { ...setupOptions(deps, connector, live, connection.id), config, state, callbackUrl: url, secret };
        await runTriggerSetup(connector, trigger, 'unsubscribe', options).catch(() => undefined);
      }
    }
    throw error;
  }
  // A polling subscription has no receiving URL.
  const made = { id, url: trigger.kind === 'webhook' ? url : null, trigger: request.trigger, connectorId: connector.id };
  // What the tenant types into the provider's dashboard next to the URL (Meta's "Verify token").
  return trigger.kind === 'webhook' && trigger.hubChallenge && secret ? { ...made, verifyToken: hubVerifyToken(secret, id) } : made;
}

/** The client secret of the OAuth app the tenant's connections of `connector` use (its own, else the operator's). */
async function clientSecretOf(deps: TriggerDeps, tenantId: string, connector: AnyConnector): Promise<string> {
  const app = await withTenant(deps.db, tenantId, (tx) => resolveOAuthApp(tx, deps.ring, deps.registry, tenantId, connector));
  return app.clientSecret;
}

function setupOptions(deps: TriggerDeps, connector: AnyConnector, live: Awaited<ReturnType<typeof liveCredentials>>, connectionId: string) {
  return {
    credentials: live.credentials,
    connection: { id: connectionId, metadata: live.loaded.metadata, scopes: live.loaded.scopes },
    ...(live.refreshCredentials ? { refreshCredentials: live.refreshCredentials } : {}),
    ...dispatcherFor(deps, connector),
  };
}

/** Removes the provider-side hook (when the trigger made one), then the subscription and its events. */
export async function unsubscribeTrigger(deps: TriggerDeps, tenantId: string, subscriptionId: string): Promise<{ id: string }> {
  const row = await withTenant(deps.db, tenantId, (tx) =>
    tx
      .selectFrom('trigger_subscriptions')
      .select(['id', 'connection_id', 'connector_id', 'trigger', 'config', 'state', 'secret_sealed'])
      .where('id', '=', subscriptionId)
      .executeTakeFirst(),
  );
  if (!row) throw new EngineError('SUBSCRIPTION_NOT_FOUND', 'Trigger subscription not found');
  const connector = deps.registry.get(row.connector_id);
  const trigger = connector?.triggers?.[row.trigger];
  if (connector && trigger?.kind === 'webhook' && trigger.unsubscribe) {
    const live = await liveCredentials(deps, connector, tenantId, row.connection_id);
    await runTriggerSetup(connector, trigger, 'unsubscribe', {
      ...setupOptions(deps, connector, live, row.connection_id),
      config: row.config,
      state: row.state,
      callbackUrl: hookUrl(deps.publicUrl, row.id),
      secret: openTriggerSecret(deps.ring, tenantId, row.id, row.secret_sealed),
    });
  }
  await withTenant(deps.db, tenantId, (tx) => tx.deleteFrom('trigger_subscriptions').where('id', '=', subscriptionId).execute());
  deps.hookSubscriptions?.delete(subscriptionId);
  return { id: subscriptionId };
}
