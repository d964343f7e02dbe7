/**
 * @module A connection's access token handed out to the tenant's own code (`connections.credentials`):
 * refreshed first when due, exactly as before an action, so what is returned is usable now.
 * Only token-based connections (OAuth and the grants) have one; their refresh token, client
 * secret or key never leave, and API-key or basic connections get NO_ACCESS_TOKEN.
 */
import { EngineError } from '../engine-error.ts';
import type { ConnectorRegistry } from '../registry.ts';
import type { ConnectionLoader } from './connection-loader.ts';
import { liveCredentials } from './live-credentials.ts';
import type { TokenRefresher } from './token-refresher.ts';

export interface AccessToken {
  connectionId: string;
  connectorId: string;
  accessToken: string;
  tokenType: string | null;
  /** When the provider said the token expires; null when it did not say. */
  expiresAt: Date | null;
  scopes: string[];
}

export async function connectionAccessToken(
  deps: { connections: ConnectionLoader; refresher: TokenRefresher; registry: ConnectorRegistry },
  tenantId: string,
  connectionId: string,
): Promise<AccessToken> {
  const first = await deps.connections.load(tenantId, connectionId);
  const connector = deps.registry.get(first.connectorId);
  if (!connector) throw new EngineError('CONNECTOR_NOT_INSTALLED', `No installed connector ${first.connectorId}`);
  const live = await liveCredentials(deps, connector, tenantId, connectionId);
  const { accessToken, tokenType } = live.credentials;
  if (typeof accessToken !== 'string') {
    throw new EngineError('NO_ACCESS_TOKEN', `Connection ${connectionId} has no access token (its auth is ${first.authKind})`);
  }
  // A refresh just now wrote a new expiry and maybe scopes: read them as stored.
  const current = await deps.connections.load(tenantId, connectionId);
  return {
    connectionId,
    connectorId: connector.id,
    accessToken,
    tokenType: typeof tokenType === 'string' ? tokenType : null,
    expiresAt: current.expiresAt,
    scopes: current.scopes,
  };
}
