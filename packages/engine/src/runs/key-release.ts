/**
 * @module Which failures free an idempotency key. A key promises "the provider acts at most once
 * for this call"; a failure where the provider cannot have acted, or told us to come back
 * (rate limit), must not be replayed forever: the key is released (the failed run stays, with
 * `idempotency_key` null) so a retry with the same key runs again. Stripe does the same: it
 * saves a result only once the endpoint has started executing.
 */
import { ConnectorError } from '@patchbay/sdk';
import { EngineError } from '../engine-error.ts';

/** Refusals that mean the provider did not act on this request. */
const NOT_ACTED = new Set(['RATE_LIMITED', 'AUTH_EXPIRED', 'AUTH_INVALID']);
/**
 * Failures that may or may not have reached the provider; the SDK says which through
 * `requestSent`. (Counting recorded HTTP attempts would not do: connectors that speak another
 * protocol, like SMTP, record none and still act.)
 */
const MAYBE_SENT = new Set(['UPSTREAM', 'TIMEOUT']);

/** True when a retry with the same key should run the call again. */
export function releasesKey(error: ConnectorError | EngineError): boolean {
  // The engine's own refusals (inactive connection, unreadable credentials, ...) come before any request.
  if (error instanceof EngineError) return true;
  if (!(error instanceof ConnectorError)) return false;
  if (NOT_ACTED.has(error.code)) return true;
  return MAYBE_SENT.has(error.code) && error.requestSent === false;
}
