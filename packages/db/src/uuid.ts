/**
 * @module The one uuid check, and the time-ordered ids of rows that arrive all the time (runs).
 * Ids from callers are checked before they reach SQL: a malformed one is "not found" rather
 * than a Postgres cast error, and only checked values are ever inlined into a scope's
 * `set_config`.
 */
import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a uuid in its canonical 8-4-4-4-12 hex form (any version, any case). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * A version 7 uuid (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits. Ids
 * made later sort after earlier ones (to the millisecond), so rows keyed by them land at the
 * right-hand end of a btree index instead of on a random page of it: inserts touch the same few
 * pages, and WAL carries fewer full-page images after a checkpoint. The random part comes from
 * `randomUUID` (its cached entropy), with the version nibble and the first 48 bits replaced.
 *
 * @example
 * timeOrderedUuid(); // '019ae01c-3f1a-7c2e-9d4b-...'
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
