/**
 * @module A connector's idempotency header (Stripe's `Idempotency-Key`), stamped by the http
 * client on every request that changes something. The value comes from the run, so a retried
 * request, and a re-run of the same action with the same key, reach the provider with the same
 * value and cannot act twice: such requests are then safe to retry after a 5xx or a reset.
 */
import type { HttpRequest } from './types.ts';

const READS = new Set(['GET', 'HEAD']);

/**
 * Returns what `send` applies to each request: the n-th changing request of a run gets
 * `key` (n = 1) or `key:n`, so two different POSTs in one action never share a value.
 */
export function idempotencyStamper(header: string | undefined, runKey: string | undefined): (request: HttpRequest) => HttpRequest {
  if (!header) return (request) => request;
  const name = header.toLowerCase();
  // Without a caller's key the value is still stable across this run's retries.
  const key = runKey ?? globalThis.crypto.randomUUID();
  let writes = 0;
  return (request) => {
    if (READS.has(request.method ?? 'GET')) return request;
    const own = Object.keys(request.headers ?? {}).some((h) => h.toLowerCase() === name);
    // A request that sets the header itself keeps it, and says itself whether it is repeatable.
    if (own) return request;
    writes += 1;
    const value = writes === 1 ? key : `${key}:${writes}`;
    return { ...request, headers: { ...request.headers, [name]: value }, idempotent: request.idempotent ?? true };
  };
}
