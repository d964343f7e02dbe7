/**
 * @module The engine, assembled once per process: the registry, the key ring, the token
 * refresher (whose single-flight must be shared by every call in the process) and the
 * operations the API and the OAuth routes use.
 */
import type { KeyRing } from '@patchbay/auth';
import type { Database } from '@patchbay/db';
import { createEgressAgent, type LookupFunction, privateEgressAllowed, type RunActionOptions } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Dispatcher } from 'undici';
import { connectionAccessToken } from './connections/access-token.ts';
import { discoverAccounts, setAccount } from './connections/accounts.ts';
import {
  claimConnectSession,
  createConnectSession,
  findConnectSession,
  type NewConnectSession,
  releaseConnectSession,
} from './connections/connect-sessions.ts';
import { ConnectionLoader } from './connections/connection-loader.ts';
import { createConnection, deleteConnection, type NewConnection, testConnection } from './connections/manage.ts';
import { type BeginRequest, beginAuthorization, type CallbackParams, completeAuthorization } from './connections/oauth-flow.ts';
import { TokenRefresher } from './connections/token-refresher.ts';
import { type ProxyRequest, proxyRequest } from './proxy/proxy-request.ts';
import { enqueueRun } from './queue/enqueue.ts';
import { JobQueue, type RunJob } from './queue/jobs.ts';
import { processRun } from './queue/process-run.ts';
import { reapExpiredLeases } from './queue/reap.ts';
import { refreshDueConnections } from './queue/refresh-due.ts';
import { DEFAULT_RUN_RETENTION_DAYS, pruneExpired } from './queue/retention.ts';
import { type SweepOptions, sweepQueuedRuns } from './queue/sweep.ts';
import type { EnqueueRequest } from './queue/types.ts';
import type { ConnectorRegistry } from './registry.ts';
import { type CallRequest, callAction } from './runs/call-action.ts';
import { cancelRun } from './runs/cancel-run.ts';
import { RunWriter } from './runs/run-writer.ts';
import { SyncCalls } from './runs/sync-calls.ts';
import { HookSubscriptions } from './triggers/hook-subscriptions.ts';
import { answerHubChallenge, type HubChallengeRequest } from './triggers/hub-challenge.ts';
import { type PollJob, pollSubscription } from './triggers/poll-subscription.ts';
import { ReceiptWriter } from './triggers/receipt-writer.ts';
import { type AppHookRequest, receiveAppHook } from './triggers/receive-app-hook.ts';
import { type HookRequest, receiveHook } from './triggers/receive-hook.ts';
import { type NewSubscription, subscribeTrigger, unsubscribeTrigger } from './triggers/subscriptions.ts';
import { deliverWebhook, type WebhookJob } from './webhooks/deliver.ts';
import { WebhookEmitter } from './webhooks/events.ts';
import { redeliverWebhook, sendTestWebhook } from './webhooks/redeliver.ts';

export interface EngineOptions {
  db: Kysely<Database>;
  ring: KeyRing;
  registry: ConnectorRegistry;
  /** Public base URL of the server: OAuth redirect URIs and connect URLs are built on it. */
  publicUrl: string;
  /** Refresh access tokens this long before they expire (default 60 s). */
  refreshMarginMs?: number;
  /** Outgoing HTTP for connectors (a tuned Agent, or a MockAgent in tests). */
  dispatcher?: Dispatcher;
  /** Retry timing overrides for connector calls (tests). */
  retry?: RunActionOptions['retry'];
  /** The pg pool behind `db`: queued runs go through Graphile Worker on it. */
  pool?: pg.Pool;
  /** How long a worker's claim on a queued run lasts without a heartbeat (default 30 s). */
  leaseMs?: number;
  /** Deliver webhooks to loopback and private addresses (development; default false). */
  allowPrivateWebhooks?: boolean;
  /** The resolver for tenant-chosen hosts (default `dns.lookup`); tests inject one they control. */
  egressLookup?: LookupFunction;
  /** Finished runs are deleted this many days after they finished (default 30). */
  runRetentionDays?: number;
  /**
   * For connectors whose base URLs are templates (`https://{shop}.myshopify.com`): by default an
   * egress-guarded agent (`egressLookup`; private addresses refused when NODE_ENV=production).
   */
  hostDispatcher?: Dispatcher;
}

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(options: EngineOptions) {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${publicUrl}/oauth/callback`;
  const queue = options.pool ? new JobQueue(options.pool) : undefined;
  const events = new WebhookEmitter(options.db, queue);
  const refresher = new TokenRefresher({
    onStatusChange: ({ tenantId, ...change }) => events.emitQuietly(tenantId, 'connection.status_changed', change),
    db: options.db,
    ring: options.ring,
    registry: options.registry,
    redirectUri,
    ...(options.refreshMarginMs !== undefined ? { marginMs: options.refreshMarginMs } : {}),
    dispatcher: options.dispatcher,
  });
  const allowPrivateWebhooks = options.allowPrivateWebhooks ?? false;
  const webhookDispatcher = createEgressAgent({
    allowPrivate: allowPrivateWebhooks,
    lookup: options.egressLookup,
    connectTimeoutMs: 10_000,
  });
  // Hosts a connection's params choose get the same guard as tenant-chosen webhook hosts.
  const hostDispatcher =
    options.hostDispatcher ?? createEgressAgent({ allowPrivate: privateEgressAllowed(), lookup: options.egressLookup });
  const base = {
    db: options.db,
    ring: options.ring,
    registry: options.registry,
    refresher,
    redirectUri,
    ownOrigin: new URL(publicUrl).origin,
    publicUrl,
    dispatcher: options.dispatcher,
    retry: options.retry,
    queue,
    events,
    writer: new RunWriter(options.db, options.pool),
    syncCalls: new SyncCalls(),
    connections: new ConnectionLoader(options.db, options.ring, options.pool),
    hookSubscriptions: new HookSubscriptions(),
    receipts: new ReceiptWriter(options.db, queue !== undefined),
    leaseMs: options.leaseMs ?? 30_000,
    allowPrivateWebhooks,
    webhookDispatcher,
    egressLookup: options.egressLookup,
    hostDispatcher,
  };
  const deps = { ...base, accounts: base };
  return {
    registry: options.registry,
    ring: options.ring,
    refresher,
    redirectUri,
    publicUrl,
    call: (request: CallRequest) => callAction(deps, request),
    createConnection: (tenantId: string, request: NewConnection) => createConnection(deps, tenantId, request),
    testConnection: (tenantId: string, connectionId: string) => testConnection(deps, tenantId, connectionId),
    deleteConnection: (tenantId: string, connectionId: string) => deleteConnection(deps, tenantId, connectionId),
    discoverAccounts: (tenantId: string, connectionId: string) => discoverAccounts(deps, tenantId, connectionId),
    setAccount: (tenantId: string, connectionId: string, accountId: string) => setAccount(deps, tenantId, connectionId, accountId),
    createConnectSession: (tenantId: string, request: NewConnectSession) => createConnectSession(deps, tenantId, request),
    claimConnectSession: (token: string, connectorId: string) => claimConnectSession(options.db, token, connectorId),
    findConnectSession: (token: string, connectorId: string) => findConnectSession(options.db, token, connectorId),
    releaseConnectSession: (token: string, claimedAt: Date) => releaseConnectSession(options.db, token, claimedAt),
    beginAuthorization: (request: BeginRequest) => beginAuthorization(deps, request),
    completeAuthorization: (params: CallbackParams) => completeAuthorization(deps, params),
    enqueue: (request: EnqueueRequest) => enqueueRun(deps, request),
    cancelRun: (tenantId: string, runId: string) => cancelRun(deps, tenantId, runId),
    processRun: (job: RunJob) => processRun(deps, job),
    reapExpiredLeases: () => reapExpiredLeases(deps),
    sweepQueuedRuns: (sweep?: SweepOptions) => sweepQueuedRuns(deps, sweep),
    pruneExpired: () => pruneExpired(options.db, options.runRetentionDays ?? DEFAULT_RUN_RETENTION_DAYS),
    /** Installs graphile-worker's schema if needed (enqueueing does this on first use too). */
    prepareQueue: async () => {
      await queue?.ready();
    },
    refreshDueConnections: (withinMs?: number) => refreshDueConnections(deps, withinMs),
    deliverWebhook: (job: WebhookJob) => deliverWebhook(deps, job),
    /** Queues a stored event to its endpoint again (`webhooks.deliveries.redeliver`). */
    redeliverWebhook: (job: WebhookJob) => redeliverWebhook(queue, job),
    /** Posts a `webhook.test` event to an endpoint now; undefined when the endpoint is not the tenant's. */
    sendTestWebhook: (tenantId: string, endpointId: string) => sendTestWebhook(deps, tenantId, endpointId),
    subscribeTrigger: (tenantId: string, request: NewSubscription) => subscribeTrigger(deps, tenantId, request),
    unsubscribeTrigger: (tenantId: string, subscriptionId: string) => unsubscribeTrigger(deps, tenantId, subscriptionId),
    /** One passthrough request as a connection (`/proxy/<connection id>/<path>`), recorded as a `proxy` run. */
    proxy: (request: ProxyRequest) => proxyRequest(deps, request),
    /** One poll of a polling trigger subscription (its `patchbay_poll` job). */
    pollSubscription: (job: PollJob) => pollSubscription(deps, job),
    /** One request to `POST /hooks/<subscription id>`: verified, then stored and queued for delivery once. */
    receiveHook: (request: HookRequest) => receiveHook(deps, request),
    /** `GET /hooks/<subscription id>?hub.mode=subscribe&…`: Meta's check of the callback URL. */
    answerHubChallenge: (request: HubChallengeRequest) => answerHubChallenge(deps, request),
    /** A connection's access token, refreshed first when due (`connections.credentials`). */
    connectionAccessToken: (tenantId: string, connectionId: string) => connectionAccessToken(deps, tenantId, connectionId),
    /** One request to `POST /hooks/app/<connector id>`: verified with the app's secret, routed by provider account. */
    receiveAppHook: (request: AppHookRequest) => receiveAppHook(deps, request),
    /** Outbound events; `invalidate(tenantId)` after a tenant's endpoints change. */
    events,
    /** Releases the queue's connections (the pool itself belongs to the caller). */
    close: async () => {
      await deps.queue?.release();
      await webhookDispatcher.close();
      if (!options.hostDispatcher) await hostDispatcher.close();
    },
  };
}
