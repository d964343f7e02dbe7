/**
 * @module What a run record may keep of an action's input and output: values under
 * secret-looking keys and every known credential value are replaced (by the SDK's `redact`, the
 * one rule for every exit), and the whole is capped
 * in size, so run records never hold secrets and never grow without bound. Text Postgres cannot
 * store (U+0000, unpaired surrogates, say in a provider's answer) is replaced by U+FFFD, so a
 * record can always be written.
 */
import { REDACTED, redact } from '@patchbay/sdk';
import { storableText } from './storable-text.ts';

export { REDACTED };

export interface RedactOptions {
  /** Exact credential values to scrub wherever they appear, also inside longer strings. */
  secrets?: readonly string[];
  /** Serialized size limit in bytes (default 16 KiB). */
  maxBytes?: number;
}

export interface Redacted {
  value: unknown;
  truncated: boolean;
  bytes: number;
}

/** A copy of `value` fit to store: secrets replaced, and at most `maxBytes` when serialized. */
export function redactForRecord(value: unknown, options: RedactOptions = {}): Redacted {
  const maxBytes = options.maxBytes ?? 16 * 1024;
  // The SDK's rule (the same as ctx.log's), with text made storable in Postgres.
  const clean = redact(value, options.secrets ?? [], storableText);
  const serialized = JSON.stringify(clean) ?? 'null';
  const bytes = Buffer.byteLength(serialized);
  if (bytes <= maxBytes) return { value: clean, truncated: false, bytes };
  // Too big to keep whole: keep a prefix as text so the record still shows what it was.
  const prefix = Buffer.from(serialized)
    .subarray(0, Math.max(0, maxBytes - 64))
    .toString('utf8');
  return { value: { truncated: true, bytes, preview: prefix.replace(/\uFFFD$/, '') }, truncated: true, bytes };
}
