/**
 * @module Writes finished synchronous runs in batches. Each call still waits until its own
 * record is committed before answering, but the records of calls that finish while a write is
 * in flight go together in the next one: one multi-row insert, scoped to the tenants of those
 * calls (withTenants), instead of one transaction per call. When that insert fails, the rows
 * go in again one by one, each in its own tenant's scope, so a row Postgres refuses fails only
 * its own call, never the calls of other tenants that happened to share the batch.
 */
import { type Database, executeInTenantsScope, type RunsTable, withTenant, withTenants } from '@patchbay/db';
import type { Insertable, Kysely } from 'kysely';
import type pg from 'pg';

interface Entry {
  row: Insertable<RunsTable>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_ROWS = 200;

export class RunWriter {
  readonly #db: Kysely<Database>;
  readonly #pool: pg.Pool | undefined;
  #pending: Entry[] = [];
  #flushing = false;

  /** With the pool behind `db`, a batch is one round trip (executeInTenantsScope) instead of three. */
  constructor(db: Kysely<Database>, pool?: pg.Pool) {
    this.#db = db;
    this.#pool = pool;
  }

  /** Resolves once the row is committed. The row must carry its own `id`. */
  write(row: Insertable<RunsTable>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ row, resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      for (let i = 0; i < batch.length; i += MAX_ROWS) {
        const chunk = batch.slice(i, i + MAX_ROWS);
        await this.#insertChunk(chunk);
      }
    }
    this.#flushing = false;
  }

  async #insertChunk(chunk: Entry[]): Promise<void> {
    const tenants = chunk.map((e) => e.row.tenant_id);
    const rows = chunk.map((e) => e.row);
    try {
      if (this.#pool) await executeInTenantsScope(this.#pool, tenants, this.#db.insertInto('runs').values(rows).compile());
      else await withTenants(this.#db, tenants, (tx) => tx.insertInto('runs').values(rows).execute());
      for (const e of chunk) e.resolve();
    } catch (error) {
      if (chunk.length === 1) {
        chunk[0]?.reject(error);
        return;
      }
      // One bad row fails the whole statement; find it by writing each row on its own (in turn,
      // so a rare fallback does not take every pooled connection at once).
      for (const e of chunk) {
        await withTenant(this.#db, e.row.tenant_id, (tx) => tx.insertInto('runs').values(e.row).execute()).then(
          () => e.resolve(),
          (rowError: unknown) => e.reject(rowError),
        );
      }
    }
  }
}
