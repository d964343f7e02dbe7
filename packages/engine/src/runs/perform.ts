/**
 * @module One attempt at an action: load the connection, refresh its token when due, run the
 * action, and on AUTH_EXPIRED refresh exactly once and run it exactly once more. Shared by
 * synchronous calls and the queue worker.
 */
import type { KeyRing } from '@patchbay/auth';
import { type Database, isDatabaseUnavailable, type RunAttempt } from '@patchbay/db';
import { type AnyConnector, ConnectorError, type RunActionOptions, runAction, secretValues } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type { Dispatcher } from 'undici';
import type { ConnectionLoader } from '../connections/connection-loader.ts';
import { actionCredentials } from '../connections/credentials.ts';
import { assertUsable, type LoadedConnection } from '../connections/load-connection.ts';
import type { TokenRefresher } from '../connections/token-refresher.ts';
import { EngineError } from '../engine-error.ts';
import type { WebhookEmitter } from '../webhooks/events.ts';
import { recordAttempt } from './run-record.ts';

export interface PerformDeps {
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
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
  /** The run attempt number (1 for synchronous calls). */
  attempt: number;
}

export type Performed =
  | { ok: true; output: unknown; attempts: RunAttempt[]; secrets: string[] }
  | { ok: false; error: ConnectorError | EngineError; attempts: RunAttempt[]; secrets: string[] };

function asKnownError(error: unknown): ConnectorError | EngineError {
  if (error instanceof ConnectorError || error instanceof EngineError) return error;
  return new ConnectorError('CONNECTOR_FAILURE', 'The call failed unexpectedly');
}

export async function perform(deps: PerformDeps, request: PerformRequest): Promise<Performed> {
  const { connector, tenantId, connectionId } = request;
  const attempts: RunAttempt[] = [];
  const secrets: string[] = [];
  const run = (connection: LoadedConnection) => {
    secrets.push(...secretValues(connection.stored));
    return runAction(connector, request.action, {
      input: request.input,
      credentials: actionCredentials(connection.authKind, connection.stored),
      connection: { id: connection.id, metadata: connection.metadata, scopes: connection.scopes },
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
      ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
      ...(deps.retry ? { retry: deps.retry } : {}),
      onAttempt: (report) => attempts.push(recordAttempt(request.attempt, report)),
    });
  };
  try {
    let connection = await deps.connections.load(tenantId, connectionId);
    assertUsable(connection, connector.id);
    const refreshable = connector.auth.kind === 'oauth2' && connector.auth.refresh.supported;
    if (refreshable && deps.refresher.isDue(connection)) {
      connection = await deps.refresher.refresh(connector, tenantId, connectionId, connection.version);
    }
    try {
      return { ok: true, output: await run(connection), attempts, secrets };
    } catch (error) {
      if (!(error instanceof ConnectorError && error.code === 'AUTH_EXPIRED' && refreshable)) throw error;
      connection = await deps.refresher.refresh(connector, tenantId, connectionId, connection.version);
      return { ok: true, output: await run(connection), attempts, secrets };
    }
  } catch (error) {
    // The database went away while loading or refreshing the connection, before the provider
    // could act: not the connector's failure. It propagates (SERVICE_UNAVAILABLE to a caller;
    // a queued run is retried) instead of being recorded as CONNECTOR_FAILURE.
    if (!(error instanceof ConnectorError) && isDatabaseUnavailable(error)) throw error;
    return { ok: false, error: asKnownError(error), attempts, secrets };
  }
}
