/**
 * @module The one uuid check. Ids from callers are checked before they reach SQL: a malformed
 * one is "not found" rather than a Postgres cast error, and only checked values are ever
 * inlined into a scope's `set_config`.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a uuid in its canonical 8-4-4-4-12 hex form (any version, any case). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
