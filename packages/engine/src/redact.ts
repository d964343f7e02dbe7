/**
 * @module What a run record may keep of an action's input and output: values under
 * secret-looking keys and every known credential value are replaced, and the whole is capped
 * in size, so run records never hold secrets and never grow without bound. Text Postgres cannot
 * store (U+0000, unpaired surrogates, say in a provider's answer) is replaced by U+FFFD, so a
 * record can always be written.
 */
import { storableText } from './storable-text.ts';

export const REDACTED = '[redacted]';

/** Keys whose values are never kept, whatever they hold (compared without case, `_` or `-`). */
const SECRET_KEYS = new Set([
  'password',
  'passwd',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'apikey',
  'authorization',
  'cookie',
  'privatekey',
  'authtoken',
  'sessiontoken',
]);

const normalizeKey = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

export interface RedactOptions {
  /** Exact credential values to scrub wherever they appear, also inside longer strings. */
  secrets?: readonly string[];
  /** Serialized size limit in bytes (default 16 KiB). */
  maxBytes?: number;
}

function scrubString(value: string, secrets: readonly string[]): string {
  let out = value;
  for (const secret of secrets) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

function walk(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (depth > 32) return '[too deep]';
  if (typeof value === 'string') return storableText(scrubString(value, secrets));
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[storableText(key)] = SECRET_KEYS.has(normalizeKey(key)) ? REDACTED : walk(v, secrets, depth + 1);
    }
    return out;
  }
  return value;
}

export interface Redacted {
  value: unknown;
  truncated: boolean;
  bytes: number;
}

/** A copy of `value` fit to store: secrets replaced, and at most `maxBytes` when serialized. */
export function redactForRecord(value: unknown, options: RedactOptions = {}): Redacted {
  const maxBytes = options.maxBytes ?? 16 * 1024;
  const clean = walk(value, options.secrets ?? [], 0);
  const serialized = JSON.stringify(clean) ?? 'null';
  const bytes = Buffer.byteLength(serialized);
  if (bytes <= maxBytes) return { value: clean, truncated: false, bytes };
  // Too big to keep whole: keep a prefix as text so the record still shows what it was.
  const prefix = Buffer.from(serialized)
    .subarray(0, Math.max(0, maxBytes - 64))
    .toString('utf8');
  return { value: { truncated: true, bytes, preview: prefix.replace(/\uFFFD$/, '') }, truncated: true, bytes };
}
