/**
 * @module A connection's credentials ready for a call outside an action (trigger setup, the
 * proxy): loaded through the batching loader, checked usable for the connector, refreshed when
 * due, with a `refreshCredentials` the SDK calls once on a 401, as `perform` does for actions.
 */
import { type AnyConnector, isGrantAuth, secretValues } from '@patchbay/sdk';
import type { ConnectionLoader } from './connection-loader.ts';
import { actionCredentials } from './credentials.ts';
import { assertUsable, type LoadedConnection } from './load-connection.ts';
import type { TokenRefresher } from './token-refresher.ts';

export interface LiveCredentials {
  /** As first read: its status is what a refusal of the credentials changes. */
  loaded: LoadedConnection;
  credentials: Readonly<Record<string, unknown>>;
  refreshCredentials?: () => Promise<Readonly<Record<string, unknown>>>;
  /** Every credential value seen, old and refreshed, for redacting errors. */
  secrets: string[];
}

/** Whether the connector's credentials expire and can be renewed: OAuth with refresh, or a grant run again. */
export function renewable(connector: AnyConnector): boolean {
  return (connector.auth.kind === 'oauth2' && connector.auth.refresh.supported) || isGrantAuth(connector.auth);
}

export async function liveCredentials(
  deps: { connections: ConnectionLoader; refresher: TokenRefresher },
  connector: AnyConnector,
  tenantId: string,
  connectionId: string,
): Promise<LiveCredentials> {
  const loaded = await deps.connections.load(tenantId, connectionId);
  const secrets = secretValues(loaded.stored);
  assertUsable(loaded, connector.id);
  const refreshable = renewable(connector);
  let current = loaded;
  if (refreshable && deps.refresher.isDue(current)) {
    current = await deps.refresher.refresh(connector, tenantId, connectionId, current.version);
    secrets.push(...secretValues(current.stored));
  }
  const refreshCredentials = async () => {
    current = await deps.refresher.refresh(connector, tenantId, connectionId, current.version);
    secrets.push(...secretValues(current.stored));
    return actionCredentials(current.authKind, current.stored);
  };
  return {
    loaded,
    credentials: actionCredentials(current.authKind, current.stored),
    ...(refreshable ? { refreshCredentials } : {}),
    secrets,
  };
}
