/**
 * @module Where a provider says how long to wait after a rate limit: a `Retry-After` header, a
 * header holding the reset time in epoch seconds (`x-ratelimit-reset`), one holding seconds
 * until the reset, or a field in the body (Discord's `retry_after`, seconds as a float).
 */
import { readPath } from './json-path.ts';
import { parseRetryAfter } from './status-errors.ts';

export type WaitSource =
  /** RFC 9110 `Retry-After`: seconds or an HTTP date. */
  | { readonly header: string; readonly as?: 'retry-after' }
  /** The time the limit resets, in seconds since the epoch (GitHub `x-ratelimit-reset`). */
  | { readonly header: string; readonly as: 'epoch-seconds' }
  /** Seconds until the limit resets (Shopify `Retry-After` floats, `x-ratelimit-reset-after`). */
  | { readonly header: string; readonly as: 'seconds' }
  /** A body field, in seconds (may be fractional) or milliseconds. */
  | { readonly body: string; readonly as: 'seconds' | 'ms' };

export const DEFAULT_WAIT: readonly WaitSource[] = [{ header: 'retry-after' }];

function nonNegative(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function readOne(source: WaitSource, headers: Record<string, string>, body: unknown, now: number): number | undefined {
  if ('body' in source) {
    const value = nonNegative(readPath(body, source.body));
    if (value === undefined) return undefined;
    return source.as === 'ms' ? Math.ceil(value) : Math.ceil(value * 1000);
  }
  const raw = headers[source.header.toLowerCase()];
  if (source.as === undefined || source.as === 'retry-after') return parseRetryAfter(raw, now);
  const value = nonNegative(raw);
  if (value === undefined) return undefined;
  return source.as === 'seconds' ? Math.ceil(value * 1000) : Math.max(0, value * 1000 - now);
}

/**
 * Milliseconds to wait, from the first source that holds a readable value.
 *
 * @example
 * waitFrom([{ header: 'retry-after' }, { header: 'x-ratelimit-reset', as: 'epoch-seconds' }], headers, body)
 */
export function waitFrom(
  sources: readonly WaitSource[],
  headers: Record<string, string>,
  body: unknown,
  now = Date.now(),
): number | undefined {
  for (const source of sources) {
    const ms = readOne(source, headers, body, now);
    if (ms !== undefined) return ms;
  }
  return undefined;
}
