/**
 * @module Loads connections for action calls, batched (see Batcher): the connections asked for
 * while a load is in flight are read together in one query, scoped to the tenants of those
 * requests (withTenants: row-level security still refuses every other tenant's rows), and each
 * row is matched to its caller by tenant and id. Credentials are opened per caller, so one
 * unreadable row fails only its own call.
 */
import type { KeyRing } from '@patchbay/auth';
import { Batcher, type Database, isUuid, withTenants } from '@patchbay/db';
import type { Kysely } from 'kysely';
import { EngineError } from '../engine-error.ts';
import { CONNECTION_COLUMNS, type ConnectionRow, type LoadedConnection, openConnection } from './load-connection.ts';

const key = (tenantId: string, connectionId: string) => `${tenantId}|${connectionId}`;

export class ConnectionLoader {
  readonly #ring: KeyRing;
  readonly #batcher: Batcher<string, ConnectionRow>;

  constructor(db: Kysely<Database>, ring: KeyRing) {
    this.#ring = ring;
    this.#batcher = new Batcher(async (keys) => {
      const wanted = keys.map((k) => k.split('|') as [string, string]);
      const rows = await withTenants(
        db,
        wanted.map(([tenantId]) => tenantId),
        (tx) =>
          tx
            .selectFrom('connections')
            .select([...CONNECTION_COLUMNS, 'tenant_id'])
            .where((eb) => eb.or(wanted.map(([tenantId, id]) => eb.and([eb('tenant_id', '=', tenantId), eb('id', '=', id)]))))
            .execute(),
      );
      const found = new Map<string, ConnectionRow>();
      for (const row of rows) found.set(key(row.tenant_id, row.id), row);
      return found;
    });
  }

  async load(tenantId: string, connectionId: string): Promise<LoadedConnection> {
    // A malformed id would fail the whole batch's query; it cannot name a connection anyway.
    if (!isUuid(connectionId)) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
    const row = await this.#batcher.load(key(tenantId, connectionId));
    if (!row) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
    return openConnection(this.#ring, tenantId, row);
  }
}
