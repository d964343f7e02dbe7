/**
 * @module Key rotation: re-seal every value of the given columns under the ring's primary key,
 * in batches, so the old key can then be removed from PATCHBAY_ENCRYPTION_KEYS. Safe to run
 * while the server is up: each row is updated only if it still holds the value that was read,
 * and anything written meanwhile is already sealed with the primary key.
 * It reads across tenants, so it runs as a role that row-level security does not filter.
 */
import { type Kysely, sql } from 'kysely';
import { reseal } from './cipher.ts';
import type { KeyRing } from './key-ring.ts';

export interface SealedColumn {
  table: string;
  column: string;
  /** Primary key column; its value is the record id bound into the ciphertext. */
  idColumn: string;
  tenantColumn: string;
  purpose: string;
}

export interface RotationProgress {
  table: string;
  column: string;
  done: number;
  total: number;
}

export interface RotationOptions {
  batchSize?: number;
  onProgress?: (progress: RotationProgress) => void;
}

interface Row {
  id: string;
  tenant: string;
  sealed: string;
}

// biome-ignore lint/suspicious/noExplicitAny: rotation walks tables by name.
type AnyDb = Kysely<any>;

function stale(c: SealedColumn, primaryId: string) {
  return sql`${sql.ref(c.column)} is not null and split_part(${sql.ref(c.column)}, '.', 2) <> ${primaryId}`;
}

async function rotateColumn(db: AnyDb, ring: KeyRing, c: SealedColumn, options: RotationOptions): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const counted = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(c.table)} where ${stale(c, ring.primary.id)}`.execute(
    db,
  );
  const total = counted.rows[0]?.n ?? 0;
  let done = 0;
  let after = '';
  options.onProgress?.({ table: c.table, column: c.column, done, total });
  for (;;) {
    const { rows } = await sql<Row>`
      select ${sql.ref(c.idColumn)}::text as id, ${sql.ref(c.tenantColumn)}::text as tenant, ${sql.ref(c.column)} as sealed
      from ${sql.table(c.table)}
      where ${stale(c, ring.primary.id)} and ${sql.ref(c.idColumn)}::text > ${after}
      order by ${sql.ref(c.idColumn)}::text limit ${batchSize}`.execute(db);
    if (rows.length === 0) break;
    for (const row of rows) {
      const next = reseal(ring, row.sealed, { tenantId: row.tenant, recordId: row.id, purpose: c.purpose });
      if (next) {
        await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${next}
          where ${sql.ref(c.idColumn)}::text = ${row.id} and ${sql.ref(c.column)} = ${row.sealed}`.execute(db);
      }
      done++;
    }
    after = rows[rows.length - 1]?.id ?? after;
    options.onProgress?.({ table: c.table, column: c.column, done, total });
  }
  return done;
}

/** Re-seals every stale value; returns how many values were moved to the primary key. */
export async function rotateSealedColumns(
  db: AnyDb,
  ring: KeyRing,
  columns: readonly SealedColumn[],
  options: RotationOptions = {},
): Promise<number> {
  let moved = 0;
  for (const column of columns) moved += await rotateColumn(db, ring, column, options);
  return moved;
}
