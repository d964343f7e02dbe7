import type { KeyRing } from '@patchbay/auth';
import { type Database, withSystem, withTenant } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { loadConnection } from '../connections/load-connection.ts';
import type { TokenRefresher } from '../connections/token-refresher.ts';
import type { ConnectorRegistry } from '../registry.ts';

export interface RefreshDueDeps {
  db: Kysely<Database>;
  ring: KeyRing;
  registry: ConnectorRegistry;
  refresher: TokenRefresher;
}

/**
 * The scheduled refresher: refreshes active OAuth connections whose tokens expire within
 * `withinMs`, so long-idle connections do not lapse (providers expire unused refresh tokens).
 * Failures are recorded on the connection by the refresher and do not stop the sweep.
 */
export async function refreshDueConnections(
  deps: RefreshDueDeps,
  withinMs = 15 * 60_000,
  limit = 200,
): Promise<{ refreshed: number; failed: number }> {
  const due = await withSystem(deps.db, (tx) =>
    tx
      .selectFrom('connections')
      .select(['tenant_id', 'id', 'connector_id'])
      .where('status', '=', 'active')
      .where('auth_kind', '=', 'oauth2')
      .where('expires_at', '<', new Date(Date.now() + withinMs))
      .orderBy('expires_at')
      .limit(limit)
      .execute(),
  );
  let refreshed = 0;
  let failed = 0;
  for (const row of due) {
    const connector = deps.registry.get(row.connector_id);
    if (connector?.auth.kind !== 'oauth2' || !connector.auth.refresh.supported) continue;
    try {
      const connection = await withTenant(deps.db, row.tenant_id, (tx) => loadConnection(tx, deps.ring, row.tenant_id, row.id));
      await deps.refresher.refresh(connector, row.tenant_id, row.id, connection.version);
      refreshed++;
    } catch {
      failed++;
    }
  }
  return { refreshed, failed };
}
