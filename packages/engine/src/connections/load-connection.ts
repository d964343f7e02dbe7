import { type KeyRing, VaultError } from '@patchbay/auth';
import type { AuthKind, ConnectionStatus, TenantTx } from '@patchbay/db';
import { EngineError } from '../engine-error.ts';
import { openCredentials, type StoredCredentials } from './credentials.ts';

/** A connection with its credentials opened: lives in memory for one call, never logged. */
export interface LoadedConnection {
  tenantId: string;
  id: string;
  connectorId: string;
  authKind: AuthKind;
  status: ConnectionStatus;
  scopes: string[];
  metadata: Record<string, unknown>;
  expiresAt: Date | null;
  stored: StoredCredentials;
  /** The sealed credentials as read: changes with every write, so it versions the row's credentials. */
  version: string;
}

export const CONNECTION_COLUMNS = [
  'id',
  'connector_id',
  'auth_kind',
  'status',
  'credentials_sealed',
  'scopes',
  'metadata',
  'expires_at',
] as const;

export interface ConnectionRow {
  id: string;
  connector_id: string;
  auth_kind: AuthKind;
  status: ConnectionStatus;
  credentials_sealed: string | null;
  scopes: string[];
  metadata: Record<string, unknown>;
  expires_at: Date | null;
}

export function openConnection(ring: KeyRing, tenantId: string, row: ConnectionRow): LoadedConnection {
  return {
    tenantId,
    id: row.id,
    connectorId: row.connector_id,
    authKind: row.auth_kind,
    status: row.status,
    scopes: row.scopes,
    metadata: row.metadata,
    expiresAt: row.expires_at,
    stored: row.credentials_sealed ? openStored(ring, tenantId, row.id, row.credentials_sealed) : {},
    version: row.credentials_sealed ?? '',
  };
}

function openStored(ring: KeyRing, tenantId: string, id: string, sealed: string): StoredCredentials {
  try {
    return openCredentials(ring, tenantId, id, sealed);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    const why =
      error.code === 'UNKNOWN_KEY' ? 'their encryption key is not in PATCHBAY_ENCRYPTION_KEYS' : 'they do not decrypt for this connection';
    throw new EngineError('CREDENTIALS_UNREADABLE', `The connection's credentials cannot be read: ${why}`, { connectionStatus: 'error' });
  }
}

/** Reads one connection of the current tenant, opened. */
export async function loadConnection(tx: TenantTx, ring: KeyRing, tenantId: string, connectionId: string): Promise<LoadedConnection> {
  const row = await tx.selectFrom('connections').select(CONNECTION_COLUMNS).where('id', '=', connectionId).executeTakeFirst();
  if (!row) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
  return openConnection(ring, tenantId, row);
}

export function assertUsable(connection: LoadedConnection, connectorId: string): void {
  if (connection.connectorId !== connectorId) {
    throw new EngineError('CONNECTION_MISMATCH', `Connection belongs to ${connection.connectorId}, not ${connectorId}`);
  }
  if (connection.status !== 'active') {
    throw new EngineError('CONNECTION_INACTIVE', `Connection is ${connection.status.replace('_', ' ')}`, {
      connectionStatus: connection.status,
    });
  }
}
