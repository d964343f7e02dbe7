import { createHash } from 'node:crypto';
import { ConnectorError } from '@patchbay/sdk';

/** Deeper input is refused rather than walked (the API refuses it earlier, at 64). */
const MAX_DEPTH = 64;

function canonical(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (depth >= MAX_DEPTH) throw new ConnectorError('INVALID_INPUT', `Input is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v, depth + 1))).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, depth + 1)}`).join(',')}}`;
}

/** JSON with object keys sorted at every level, so equal inputs serialize equally. Throws INVALID_INPUT past 64 levels. */
export function canonicalJson(value: unknown): string {
  return canonical(value, 0);
}

/**
 * Identifies "the same call" for idempotency: connector, action, connection and input. A reused
 * key with a different hash is a conflict, not a replay; the same key on another connection is
 * another call (its provider account has not seen it).
 */
export function inputHash(connectorId: string, action: string, connectionId: string, input: unknown): string {
  return createHash('sha256')
    .update(`${connectorId}\n${action}\n${connectionId}\n${canonicalJson(input)}`)
    .digest('base64url');
}
