/**
 * @module Loads connections for action calls, batched (see Batcher): the connections asked for
 * while a load is in flight are read together, one transaction per tenant, still under that
 * tenant's row-level security. Credentials are opened per caller, so one unreadable row fails
 * only its own call.
 */
import type { KeyRing } from '@patchbay/auth';
import { Batcher, type Database, withTenant } from '@patchbay/db';
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
      const byTenant = new Map<string, string[]>();
      for (const k of keys) {
        const [tenantId = '', connectionId = ''] = k.split('|');
        byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), connectionId]);
      }
      const found = new Map<string, ConnectionRow>();
      await Promise.all(
        [...byTenant].map(async ([tenantId, ids]) => {
          const rows = await withTenant(db, tenantId, (tx) =>
            tx.selectFrom('connections').select(CONNECTION_COLUMNS).where('id', 'in', ids).execute(),
          );
          for (const row of rows) found.set(key(tenantId, row.id), row);
        }),
      );
      return found;
    });
  }

  async load(tenantId: string, connectionId: string): Promise<LoadedConnection> {
    const row = await this.#batcher.load(key(tenantId, connectionId));
    if (!row) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
    return openConnection(this.#ring, tenantId, row);
  }
}
