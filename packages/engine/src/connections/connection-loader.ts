/**
 * @module Loads connections for action calls, batched (see Batcher): the connections asked for
 * while a load is in flight are read together in one query, scoped to the tenants of those
 * requests (withTenants, or its one-round-trip form queryInTenantsScope when the loader has the
 * pool: row-level security still refuses every other tenant's rows), and each row is matched to
 * its caller by tenant and id. Credentials are opened per caller, so one unreadable row fails
 * only its own call.
 *
 * With a change feed on the database (server processes), opened connections are kept in memory
 * and each call gets its own copy: a change to the row anywhere (re-authorize, refresh, status,
 * delete, key rotation) notifies every process from the database itself (migration
 * 202612040300), and this process's own writes also drop the entry at once (`connectionChanged`).
 */
import type { KeyRing } from '@patchbay/auth';
import { announceChange, Batcher, changeFeedFor, type Database, FeedCache, isUuid, queryInTenantsScope, withTenants } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { EngineError } from '../engine-error.ts';
import { CONNECTION_COLUMNS, type ConnectionRow, type LoadedConnection, openConnection } from './load-connection.ts';

const key = (tenantId: string, connectionId: string) => `${tenantId}|${connectionId}`;
/** The cache's key is the notification's payload after `c:`. */
const cacheKey = (tenantId: string, connectionId: string) => `${tenantId}:${connectionId}`;

/** A backstop only: changes reach every process through the change feed within milliseconds. */
const CACHE_MAX_AGE_MS = 30_000;
/** S8's 100k connections fit; an entry is a few hundred bytes of opened credentials and metadata. */
const CACHE_MAX_ENTRIES = 100_000;

/** Tells this process's loaders at once that a connection changed (the commit already notifies the others). */
export function connectionChanged(db: Kysely<Database>, tenantId: string, connectionId: string): void {
  announceChange(db, `c:${cacheKey(tenantId, connectionId)}`);
}

type BatchRow = ConnectionRow & { tenant_id: string };

/**
 * One statement for any batch: the (tenant, id) pairs go as two arrays, so the SQL text and its
 * plan are the same whatever the batch holds, and nothing is compiled per pair.
 */
const batchQuery = (pairs: readonly (readonly [string, string])[]) =>
  sql<BatchRow>`select ${sql.join(CONNECTION_COLUMNS.map((c) => sql.ref(c)))}, tenant_id from connections
    where (tenant_id, id) in (select * from unnest(${pairs.map(([t]) => t)}::uuid[], ${pairs.map(([, id]) => id)}::uuid[]))`;

/** A copy of a JSON value (what jsonb and opened credentials hold): plain objects, arrays, primitives. */
function jsonCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(jsonCopy) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = jsonCopy((value as Record<string, unknown>)[key]);
  return copy as T;
}

/**
 * A connection no other call shares: what a connector does to its credentials, metadata or
 * scopes never reaches the next call. Field by field, several times cheaper than structuredClone
 * on the hot path (it serializes).
 */
function ownCopy(connection: LoadedConnection): LoadedConnection {
  return {
    ...connection,
    scopes: [...connection.scopes],
    metadata: jsonCopy(connection.metadata),
    expiresAt: connection.expiresAt && new Date(connection.expiresAt.getTime()),
    stored: jsonCopy(connection.stored),
  };
}

/** Its text never changes, so each pooled connection parses and plans it once (planning cost more than running it). */
const BATCH_STATEMENT = 'patchbay_load_connections';

export class ConnectionLoader {
  readonly #ring: KeyRing;
  readonly #batcher: Batcher<string, ConnectionRow>;
  readonly #cache: FeedCache<LoadedConnection> | undefined;

  /** With the pool behind `db`, a batch is one round trip (queryInTenantsScope) instead of three. */
  constructor(db: Kysely<Database>, ring: KeyRing, pool?: pg.Pool) {
    this.#ring = ring;
    const feed = changeFeedFor(db);
    this.#cache = feed && new FeedCache(feed, { prefix: 'c:', maxAgeMs: CACHE_MAX_AGE_MS, maxEntries: CACHE_MAX_ENTRIES });
    this.#batcher = new Batcher(async (keys) => {
      const wanted = keys.map((k) => k.split('|') as [string, string]);
      const tenants = wanted.map(([tenantId]) => tenantId);
      const query = batchQuery(wanted);
      const rows = pool
        ? await queryInTenantsScope<BatchRow>(pool, tenants, { ...query.compile(db), name: BATCH_STATEMENT })
        : await withTenants(db, tenants, async (tx) => (await query.execute(tx)).rows);
      const found = new Map<string, ConnectionRow>();
      for (const row of rows) found.set(key(row.tenant_id, row.id), row);
      return found;
    });
  }

  async load(tenantId: string, connectionId: string): Promise<LoadedConnection> {
    // A malformed id would fail the whole batch's query; it cannot name a connection anyway.
    if (!isUuid(connectionId)) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
    const cache = this.#cache;
    const cached = cache?.get(cacheKey(tenantId, connectionId));
    if (cached) return ownCopy(cached);
    const generation = cache?.generation() ?? 0;
    const row = await this.#batcher.load(key(tenantId, connectionId));
    if (!row) throw new EngineError('CONNECTION_NOT_FOUND', 'Connection not found');
    const opened = openConnection(this.#ring, tenantId, row);
    cache?.set(cacheKey(tenantId, connectionId), ownCopy(opened), generation);
    return opened;
  }
}
