/**
 * @module The retry policy, on p-retry. No automatic duplicate side effects: a request that is
 * not safe to repeat is retried only when the provider cannot have acted on it (it never left,
 * a 429, a 503 that names a Retry-After); a safe one (GET/HEAD/PUT/DELETE, or marked idempotent
 * because it carries the provider's idempotency mechanism) also after 5xx, resets and timeouts.
 * Waits grow exponentially with jitter; a `Retry-After` longer than the cap fails at once.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import pRetry from 'p-retry';
import { ConnectorError } from '../errors.ts';

export interface RetrySettings {
  attempts: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  /** Waits between attempts; tests pass one that records instead of waiting. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetrySettings = {
  attempts: 3,
  minDelayMs: 250,
  maxDelayMs: 5_000,
  // Well under the default action timeout (30 s), so a wait we accept still leaves time to act.
  maxRetryAfterMs: 10_000,
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
};

/** Whether a provider's Retry-After asks for a longer wait than we hold a call for. */
export function waitTooLong(error: ConnectorError, settings: RetrySettings): boolean {
  return error.retryAfterMs !== undefined && error.retryAfterMs > settings.maxRetryAfterMs;
}

export function isRetryable(error: unknown, repeatable: boolean, settings: RetrySettings = DEFAULT_RETRY): boolean {
  if (!(error instanceof ConnectorError)) return false;
  // The provider asked us to come back later than we wait: the caller gets retryAfterMs now.
  if (waitTooLong(error, settings)) return false;
  // Never reached the provider (refused, DNS, connect timeout): it cannot have acted.
  if (error.requestSent === false) return error.code === 'UPSTREAM' || error.code === 'TIMEOUT';
  // A 429 is a refusal to act.
  if (error.code === 'RATE_LIMITED') return true;
  // A 503 that names a Retry-After says the service did not take the request.
  if (error.code === 'UPSTREAM' && error.status === 503 && error.retryAfterMs !== undefined) return true;
  // Anything else (a reset after writing, 502, a bare 503, a response timeout) may have acted.
  return repeatable && (error.code === 'UPSTREAM' || error.code === 'TIMEOUT');
}

function backoff(attempt: number, settings: RetrySettings): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** The wait before the next attempt: the backoff, or the provider's Retry-After if longer. */
export function delayBefore(attempt: number, error: ConnectorError, settings: RetrySettings): number {
  return Math.max(backoff(attempt, settings), error.retryAfterMs ?? 0);
}

export function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  settings: RetrySettings,
  repeatable: boolean,
  signal: AbortSignal,
  /** False once the request cannot be sent again (its streamed body was read). */
  canRepeat: () => boolean = () => true,
): Promise<T> {
  return pRetry(attempt, {
    retries: Math.max(0, settings.attempts - 1),
    minTimeout: 0,
    maxTimeout: 0,
    randomize: false,
    signal,
    shouldRetry: ({ error }) => canRepeat() && isRetryable(error, repeatable, settings),
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft > 0 && canRepeat() && isRetryable(error, repeatable, settings))
        await settings.sleep(delayBefore(attemptNumber, error as ConnectorError, settings), signal);
    },
  });
}
