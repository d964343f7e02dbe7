/**
 * @module Writes finished synchronous runs in batches. Each call still waits until its own
 * record is committed before answering, but the records of calls that finish while a write is
 * in flight go together in the next one: one multi-row insert, scoped to the tenants of those
 * calls (withTenants), instead of one transaction per call.
 */
import { type Database, type RunsTable, withTenants } from '@patchbay/db';
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
      for (let i = 0; i < batch.length; i += MAX_ROWS) {
        const chunk = batch.slice(i, i + MAX_ROWS);
        await withTenants(
          this.#db,
          chunk.map((e) => e.row.tenant_id),
          (tx) =>
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
        );
      }
    }
    this.#flushing = false;
  }
}
