/**
 * @module A connection's status as the provider last showed it: written with its reason, and
 * told as `connection.status_changed` when it changed. The reason is our own text (code and
 * HTTP status), never the provider's body, which may echo a credential.
 */

import { type ConnectionStatus, type Database, withTenant } from '@patchbay/db';
import { ConnectorError } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import type { WebhookEmitter } from '../webhooks/events.ts';
import { connectionChanged } from './connection-loader.ts';

export interface StatusDeps {
  db: Kysely<Database>;
  events?: WebhookEmitter | undefined;
}

export interface StatusWrite {
  tenantId: string;
  connectionId: string;
  connectorId: string;
  /** The status the caller read: the write happens only if the row still has it. */
  from: ConnectionStatus;
  to: ConnectionStatus;
  /** Stored in last_error (null clears it) and sent as the event's reason. */
  reason: string | null;
}

/**
 * Writes the status and last error if the row still has the status the caller read (so two
 * callers that saw the same failure emit one event); resolves with whether it wrote.
 */
export async function writeConnectionStatus(deps: StatusDeps, change: StatusWrite): Promise<boolean> {
  const now = new Date();
  const written = await withTenant(deps.db, change.tenantId, (tx) =>
    tx
      .updateTable('connections')
      .set({ status: change.to, last_error: change.reason, last_error_at: change.reason === null ? null : now, updated_at: now })
      .where('tenant_id', '=', change.tenantId)
      .where('id', '=', change.connectionId)
      .where('status', '=', change.from)
      .returning('id')
      .executeTakeFirst(),
  );
  if (written) connectionChanged(deps.db, change.tenantId, change.connectionId);
  if (written && change.from !== change.to) {
    await deps.events?.emitQuietly(change.tenantId, 'connection.status_changed', {
      connectionId: change.connectionId,
      connectorId: change.connectorId,
      from: change.from,
      to: change.to,
      reason: change.reason ?? 'The credentials work again',
    });
  }
  return written !== undefined;
}

/** Whether the provider refused the credentials themselves (after any refresh that could help). */
export function credentialsRejected(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError && (error.code === 'AUTH_INVALID' || error.code === 'AUTH_EXPIRED');
}

/** The stored reason for a refusal of the credentials. */
export function rejectionReason(error: ConnectorError): string {
  const status = error.status === undefined ? '' : `, HTTP ${error.status}`;
  return error.code === 'AUTH_EXPIRED'
    ? `The provider refused the access token (${error.code}${status}) and refreshing cannot fix it; authorize again`
    : `The provider refused the credentials (${error.code}${status}); connect again with valid ones`;
}
