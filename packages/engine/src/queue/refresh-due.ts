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

/** The connectors that refresh earlier than `withinMs` (`refresh.refreshBeforeMs`), by lead. */
function earlyLeads(registry: ConnectorRegistry, withinMs: number): Map<number, string[]> {
  const leads = new Map<number, string[]>();
  for (const connector of registry.list()) {
    const lead = connector.auth.kind === 'oauth2' ? connector.auth.refresh.refreshBeforeMs : undefined;
    if (lead === undefined || lead <= withinMs) continue;
    leads.set(lead, [...(leads.get(lead) ?? []), connector.id]);
  }
  return leads;
}

/**
 * The scheduled refresher: refreshes active OAuth connections whose tokens expire within
 * `withinMs`, or within their connector's `refresh.refreshBeforeMs` when that is longer (a
 * 60-day token refreshed at day 50), so long-idle connections do not lapse. Connections without a
 * refresh token are included: a connector's own `refresh.run` needs none. Failures are recorded
 * on the connection by the refresher and do not stop the sweep.
 */
export async function refreshDueConnections(
  deps: RefreshDueDeps,
  withinMs = 15 * 60_000,
  limit = 200,
): Promise<{ refreshed: number; failed: number }> {
  const windows: [number, string[] | undefined][] = [[withinMs, undefined], ...earlyLeads(deps.registry, withinMs)];
  const due = new Map<string, { tenant_id: string; id: string; connector_id: string }>();
  for (const [lead, connectorIds] of windows) {
    const rows = await withSystem(deps.db, (tx) => {
      let query = tx
        .selectFrom('connections')
        .select(['tenant_id', 'id', 'connector_id'])
        .where('status', '=', 'active')
        .where('auth_kind', '=', 'oauth2')
        .where('expires_at', '<', new Date(Date.now() + lead));
      if (connectorIds) query = query.where('connector_id', 'in', connectorIds);
      return query.orderBy('expires_at').limit(limit).execute();
    });
    for (const row of rows) due.set(`${row.tenant_id}:${row.id}`, row);
  }
  let refreshed = 0;
  let failed = 0;
  for (const row of due.values()) {
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
