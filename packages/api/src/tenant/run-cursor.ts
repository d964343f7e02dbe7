/**
 * @module The `runs.list` cursor: the last row's `created_at` in exact epoch microseconds, and
 * its id. A JavaScript Date keeps only milliseconds, and `created_at` has microseconds; runs
 * written in one RunWriter batch even share one `created_at`. So the cursor carries the
 * database's own value, and the page condition compares `(created_at, id)` as a pair.
 */
import { type RawBuilder, sql } from 'kysely';
import { z } from 'zod';

export interface RunCursor {
  /** `created_at` as integer microseconds since the Unix epoch, in decimal. */
  micros: string;
  id: string;
}

/** Selects `created_at` as epoch microseconds (text), for building the cursor. */
export const cursorMicros = (): RawBuilder<string> => sql<string>`(extract(epoch from created_at) * 1000000)::bigint::text`;

export const encodeRunCursor = (cursor: RunCursor): string => Buffer.from(`${cursor.micros}|${cursor.id}`).toString('base64url');

/** The cursor, or undefined when it is not one this server made. */
export function decodeRunCursor(cursor: string): RunCursor | undefined {
  const [micros, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !micros || !/^-?\d{1,18}$/.test(micros) || !z.uuid().safeParse(id).success) return undefined;
  return { micros, id: id ?? '' };
}

/** Rows strictly after the cursor in `created_at desc, id desc` order; uses the (tenant, created_at, id) index. */
export const afterRunCursor = (cursor: RunCursor) =>
  sql<boolean>`(created_at, id) < (timestamptz 'epoch' + ${cursor.micros}::bigint * interval '1 microsecond', ${cursor.id}::uuid)`;

/**
 * One page of a query that fetched `limit + 1` rows with `cursorMicros()`: the first `limit`
 * rows without that column, and the cursor after the last of them when there are more.
 */
export function cursorPage<R extends { cursorMicros: string; id: string }>(
  rows: readonly R[],
  limit: number,
): { items: Omit<R, 'cursorMicros'>[]; nextCursor: string | null } {
  const last = rows[limit - 1];
  return {
    items: rows.slice(0, limit).map(({ cursorMicros: _, ...row }) => row),
    nextCursor: rows.length > limit && last ? encodeRunCursor({ micros: last.cursorMicros, id: last.id }) : null,
  };
}
