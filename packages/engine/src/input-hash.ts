import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal inputs serialize equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Identifies "the same call" for idempotency: connector, action and input. A reused key with a
 * different hash is a conflict, not a replay.
 */
export function inputHash(connectorId: string, action: string, input: unknown): string {
  return createHash('sha256')
    .update(`${connectorId}\n${action}\n${canonicalJson(input)}`)
    .digest('base64url');
}
