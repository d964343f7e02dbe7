/**
 * @module Writes finished synchronous runs in batches. Each call still waits until its own
 * record is committed before answering, but the records of calls that finish while a write is
 * in flight go together in the next one: one insert, scoped to the tenants of those calls
 * (withTenants), instead of one transaction per call. When that insert fails, the rows go in
 * again one by one, each in its own tenant's scope, so a row Postgres refuses fails only its own
 * call, never the calls of other tenants that happened to share the batch.
 */
import { type Database, executeInTenantsScope, type RunsTable, withTenant, withTenants } from '@patchbay/db';
import type { Insertable, Kysely } from 'kysely';
import type pg from 'pg';

/** Every column a synchronous run's record sets, with its Postgres type for `unnest`. */
const COLUMNS = {
  id: 'uuid',
  tenant_id: 'uuid',
  connection_id: 'uuid',
  connector_id: 'text',
  action: 'text',
  connector_version: 'text',
  mode: 'text',
  status: 'text',
  idempotency_key: 'text',
  input_hash: 'text',
  input: 'jsonb',
  output: 'jsonb',
  error: 'jsonb',
  attempts: 'jsonb',
  attempt: 'int4',
  created_by: 'text',
  channel: 'text',
  started_at: 'timestamptz',
  finished_at: 'timestamptz',
  duration_ms: 'int4',
  lease_until: 'timestamptz',
} as const;
type Column = keyof typeof COLUMNS;

/** A finished run's record: every column of COLUMNS, none left to a default but created_at. */
export type RunRecordRow = { [K in Column]-?: Exclude<Insertable<RunsTable>[K], undefined> };

const NAMES = Object.keys(COLUMNS) as Column[];
/**
 * One text for any number of rows: each column goes as one array parameter and `unnest` turns
 * them back into rows. Postgres parses and plans it once per pooled connection (a prepared
 * statement) instead of a new multi-row VALUES of rows x columns parameters for each batch.
 */
const INSERT = {
  name: 'patchbay_insert_runs',
  sql: `insert into runs (${NAMES.join(', ')}) select * from unnest(${NAMES.map((c, i) => `$${i + 1}::${COLUMNS[c]}[]`).join(', ')})`,
};

interface Entry {
  row: RunRecordRow;
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

  /** Resolves once the row is committed. */
  write(row: RunRecordRow): Promise<void> {
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
      if (this.#pool) await executeInTenantsScope(this.#pool, tenants, { ...INSERT, parameters: NAMES.map((c) => rows.map((r) => r[c])) });
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
