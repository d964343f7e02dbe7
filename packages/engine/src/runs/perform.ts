/**
 * @module One attempt at an action: load the connection, refresh its token when due, and run
 * the action. On AUTH_EXPIRED the SDK asks for one refresh and resends only the refused request
 * (earlier requests of the action are not repeated). Credentials the provider still refuses mark
 * the connection `needs_reauth`. Every call carries an idempotency key (the caller's, or one for
 * this call) so connectors that pass it on make their retries safe. Shared by synchronous calls
 * and the queue worker.
 */
import type { KeyRing } from '@patchbay/auth';
import { type Database, isDatabaseUnavailable, type RunAttempt } from '@patchbay/db';
import { type AnyConnector, ConnectorError, type RunActionOptions, redactConnectorError, runAction, secretValues } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type { Dispatcher } from 'undici';
import type { ConnectionLoader } from '../connections/connection-loader.ts';
import { credentialsRejected, rejectionReason, writeConnectionStatus } from '../connections/connection-status.ts';
import { type DispatcherDeps, dispatcherFor } from '../connections/connector-dispatcher.ts';
import { actionCredentials } from '../connections/credentials.ts';
import { renewable } from '../connections/live-credentials.ts';
import { assertUsable, type LoadedConnection } from '../connections/load-connection.ts';
import type { TokenRefresher } from '../connections/token-refresher.ts';
import { EngineError } from '../engine-error.ts';
import type { WebhookEmitter } from '../webhooks/events.ts';
import { recordAttempt } from './run-record.ts';

export interface PerformDeps extends DispatcherDeps {
  db: Kysely<Database>;
  ring: KeyRing;
  refresher: TokenRefresher;
  dispatcher?: Dispatcher | undefined;
  /** Retry timing overrides (tests make waits instant). */
  retry?: RunActionOptions['retry'] | undefined;
  /** Outbound events (webhooks); absent in engines without a queue. */
  events?: WebhookEmitter | undefined;
  connections: ConnectionLoader;
}

export interface PerformRequest {
  connector: AnyConnector;
  action: string;
  tenantId: string;
  connectionId: string;
  input: unknown;
  /** The caller's key, else `run:<id>`: what providers with an idempotency mechanism receive. */
  idempotencyKey: string;
  signal?: AbortSignal | undefined;
  /** The run attempt number (1 for synchronous calls). */
  attempt: number;
}

export type Performed =
  | { ok: true; output: unknown; attempts: RunAttempt[]; secrets: string[] }
  | { ok: false; error: ConnectorError | EngineError; attempts: RunAttempt[]; secrets: string[] };

/**
 * The failure as every exit sees it (API answer, run record, webhook, job payload): a connector's
 * error scrubbed of the call's credentials, whichever field the provider's echo landed in.
 */
function asKnownError(error: unknown, secrets: readonly string[]): ConnectorError | EngineError {
  if (error instanceof ConnectorError) return redactConnectorError(error, secrets);
  if (error instanceof EngineError) return error;
  return new ConnectorError('CONNECTOR_FAILURE', 'The call failed unexpectedly');
}

export async function perform(deps: PerformDeps, request: PerformRequest): Promise<Performed> {
  const { connector, tenantId, connectionId } = request;
  const attempts: RunAttempt[] = [];
  const secrets: string[] = [];
  const { idempotencyKey } = request;
  const refreshable = renewable(connector);
  // As first read: its status is what a refusal of the credentials changes.
  let loaded: LoadedConnection | undefined;
  try {
    let current = await deps.connections.load(tenantId, connectionId);
    loaded = current;
    // Known before any refresh, so a failing refresh cannot carry the old tokens out.
    secrets.push(...secretValues(current.stored));
    assertUsable(current, connector.id);
    if (connector.discover && current.metadata.account === null) {
      throw new EngineError('ACCOUNT_NOT_CHOSEN', 'Choose the account this connection acts for first (connections.setAccount)');
    }
    if (refreshable && deps.refresher.isDue(current)) {
      current = await deps.refresher.refresh(connector, tenantId, connectionId, current.version);
    }
    secrets.push(...secretValues(current.stored));
    const refreshCredentials = async () => {
      current = await deps.refresher.refresh(connector, tenantId, connectionId, current.version);
      secrets.push(...secretValues(current.stored));
      return actionCredentials(current.authKind, current.stored);
    };
    const output = await runAction(connector, request.action, {
      input: request.input,
      credentials: actionCredentials(current.authKind, current.stored),
      connection: { id: current.id, metadata: current.metadata, scopes: current.scopes },
      idempotencyKey,
      ...(request.signal ? { signal: request.signal } : {}),
      ...dispatcherFor(deps, connector),
      ...(deps.retry ? { retry: deps.retry } : {}),
      ...(refreshable ? { refreshCredentials } : {}),
      onAttempt: (report) => attempts.push(recordAttempt(request.attempt, report)),
    });
    return { ok: true, output, attempts, secrets };
  } catch (error) {
    // The database went away while loading or refreshing the connection, before the provider
    // could act: not the connector's failure. It propagates (SERVICE_UNAVAILABLE to a caller;
    // a queued run is retried) instead of being recorded as CONNECTOR_FAILURE.
    if (!(error instanceof ConnectorError) && isDatabaseUnavailable(error)) throw error;
    if (loaded && credentialsRejected(error)) {
      // Best effort: the caller still gets the real failure if the status cannot be written.
      await writeConnectionStatus(deps, {
        tenantId,
        connectionId,
        connectorId: connector.id,
        from: loaded.status,
        to: 'needs_reauth',
        reason: rejectionReason(error),
      }).catch(() => {});
    }
    return { ok: false, error: asKnownError(error, secrets), attempts, secrets };
  }
}
