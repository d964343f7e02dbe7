/**
 * @module The passthrough proxy (`/proxy/<connection id>/<path>`), for calls no action models:
 * the request goes out with the connection's credentials (refreshed when due, and once more on a
 * 401) through the SDK's http client, so the connector's allow-list, retry rules and error
 * mapping hold as for actions. Every call leaves a run record (`action: "proxy"`) with the
 * method, path and status; the request and response bodies only when the caller asks
 * (`recordBodies`), then scrubbed of the call's credentials and capped like action values.
 */
import { type RunAttempt, timeOrderedUuid } from '@patchbay/db';
import { ConnectorError, type HttpMethod, redactConnectorError, resolveHostTemplate, runRequest, storedParams } from '@patchbay/sdk';
import { credentialsRejected, rejectionReason, writeConnectionStatus } from '../connections/connection-status.ts';
import { dispatcherFor } from '../connections/connector-dispatcher.ts';
import { liveCredentials } from '../connections/live-credentials.ts';
import { EngineError } from '../engine-error.ts';
import { inputHash } from '../input-hash.ts';
import type { CallDeps } from '../runs/call-action.ts';
import { recordOutcome } from '../runs/record-outcome.ts';
import { recordAttempt, recordError, recordValue } from '../runs/run-record.ts';
import { proxiedUrl } from './proxy-path.ts';
import { bodyForRecord } from './recorded-body.ts';

export const PROXY_ACTION = 'proxy';

export interface ProxyRequest {
  tenantId: string;
  connectionId: string;
  method: Extract<HttpMethod, 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>;
  /** The path under the connector's first base URL, starting with `/`. */
  path: string;
  /** The query string, with its `?`, or empty. */
  search: string;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
  actor?: string | undefined;
  /** Keep the request and response bodies in the run record (off by default: they may hold personal data). */
  recordBodies?: boolean | undefined;
}

export type ProxyResult =
  | { ok: true; runId: string; status: number; headers: Record<string, string>; data: unknown }
  | { ok: false; runId: string | undefined; error: ConnectorError | EngineError };

export async function proxyRequest(deps: CallDeps, request: ProxyRequest): Promise<ProxyResult> {
  const connection = await deps.connections.load(request.tenantId, request.connectionId);
  const connector = deps.registry.get(connection.connectorId);
  if (!connector) throw new EngineError('CONNECTOR_NOT_INSTALLED', `No installed connector ${connection.connectorId}`);
  const template = connector.baseUrls[0];
  if (!template) throw new ConnectorError('INVALID_INPUT', `${connector.id} has no base URL to proxy to`);
  // A per-connection host (`https://{shop}.myshopify.com`) resolves from the connection's params,
  // only to a host its declared pattern allows.
  const base = resolveHostTemplate(template, storedParams(connection.metadata), connector.hostPatterns);
  // Refused before anything is sent or recorded.
  const url = proxiedUrl(base, request.path, request.search);
  const id = timeOrderedUuid();
  const started = new Date();
  const attempts: RunAttempt[] = [];
  // The credential values seen (a refresh adds to the list), for scrubbing errors and records.
  let secrets: readonly string[] = [];
  let outcome: ProxyResult;
  try {
    const live = await liveCredentials(deps, connector, request.tenantId, request.connectionId);
    secrets = live.secrets;
    try {
      const response = await runRequest(
        connector,
        { method: request.method, path: url.href, headers: request.headers, ...(request.body ? { body: request.body } : {}) },
        {
          credentials: live.credentials,
          connection: { id: connection.id, metadata: connection.metadata, scopes: connection.scopes },
          idempotencyKey: `run:${id}`,
          ...(live.refreshCredentials ? { refreshCredentials: live.refreshCredentials } : {}),
          ...dispatcherFor(deps, connector),
          ...(deps.retry ? { retry: deps.retry } : {}),
          onAttempt: (report) => attempts.push(recordAttempt(1, report)),
        },
      );
      outcome = { ok: true, runId: id, status: response.status, headers: response.headers, data: response.data };
    } catch (error) {
      if (credentialsRejected(error)) {
        await writeConnectionStatus(deps, {
          tenantId: request.tenantId,
          connectionId: request.connectionId,
          connectorId: connector.id,
          from: live.loaded.status,
          to: 'needs_reauth',
          reason: rejectionReason(error),
        }).catch(() => {});
      }
      throw error;
    }
  } catch (error) {
    if (!(error instanceof ConnectorError) && !(error instanceof EngineError)) throw error;
    outcome = { ok: false, runId: id, error: error instanceof ConnectorError ? redactConnectorError(error, secrets) : error };
  }
  const finished = new Date();
  const status = outcome.ok ? outcome.status : outcome.error instanceof ConnectorError ? outcome.error.status : undefined;
  const described = { method: request.method, path: request.path };
  const answered = { status: status ?? null };
  const values = request.recordBodies
    ? {
        input: recordValue({ ...described, body: bodyForRecord(request.body, request.headers['content-type']) }, secrets),
        output: recordValue({ ...answered, body: outcome.ok ? (outcome.data ?? null) : null }, secrets),
      }
    : { input: JSON.stringify(described), output: JSON.stringify(answered) };
  const recorded = await recordOutcome(id, values, (values) =>
    deps.writer.write({
      tenant_id: request.tenantId,
      id,
      connection_id: request.connectionId,
      connector_id: connector.id,
      action: PROXY_ACTION,
      connector_version: connector.version,
      mode: 'sync',
      status: outcome.ok ? 'succeeded' : 'failed',
      idempotency_key: null,
      input_hash: inputHash(connector.id, PROXY_ACTION, request.connectionId, { method: request.method, path: request.path }),
      input: values.input,
      output: values.output,
      error: outcome.ok ? null : JSON.stringify(recordError(outcome.error, secrets)),
      attempts: JSON.stringify(attempts),
      attempt: 1,
      created_by: request.actor ?? null,
      channel: 'proxy',
      started_at: started,
      finished_at: finished,
      duration_ms: finished.getTime() - started.getTime(),
      lease_until: null,
    }),
  );
  return recorded || outcome.ok ? outcome : { ...outcome, runId: undefined };
}
