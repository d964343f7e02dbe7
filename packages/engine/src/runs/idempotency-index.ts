/**
 * The columns of the unique index that makes a run row an idempotency reservation
 * (migration 202612011001): a key is unique per tenant and connection. Inserts that reserve a
 * key name them in `ON CONFLICT`; lookups of a key filter on the same columns.
 */
export const IDEMPOTENCY_INDEX_COLUMNS = ['tenant_id', 'connection_id', 'idempotency_key'] as const;
