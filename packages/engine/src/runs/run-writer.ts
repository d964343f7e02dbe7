/**
 * @module Writes finished synchronous runs in batches. Each call still waits until its own
 * record is committed before answering, but the records of calls that finish while a write is
 * in flight go together in the next one: one multi-row insert per tenant instead of one
 * transaction per call, so the cost of the write is shared as load grows.
 */
import { type Database, type RunsTable, withTenant } from '@patchbay/db';
import type { Insertable, Kysely } from 'kysely';

interface Entry {
  row: Insertable<RunsTable>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_ROWS = 200;

export class RunWriter {
  readonly #db: Kysely<Database>;
  #pending: Entry[] = [];
  #flushing = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
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
      const byTenant = new Map<string, Entry[]>();
      for (const entry of batch) {
        const list = byTenant.get(entry.row.tenant_id) ?? [];
        list.push(entry);
        byTenant.set(entry.row.tenant_id, list);
      }
      await Promise.all(
        [...byTenant].flatMap(([tenantId, entries]) => {
          const chunks: Entry[][] = [];
          for (let i = 0; i < entries.length; i += MAX_ROWS) chunks.push(entries.slice(i, i + MAX_ROWS));
          return chunks.map((chunk) =>
            withTenant(this.#db, tenantId, (tx) =>
              tx
                .insertInto('runs')
                .values(chunk.map((e) => e.row))
                .execute(),
            ).then(
              () => {
                for (const e of chunk) e.resolve();
              },
              (error: unknown) => {
                for (const e of chunk) e.reject(error);
              },
            ),
          );
        }),
      );
    }
    this.#flushing = false;
  }
}
