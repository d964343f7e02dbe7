/**
 * @module The retry policy, on p-retry: 429 and 502/503/504 and network failures are retried;
 * 500s and timeouts only when the request is safe to repeat; other 4xx never. Waits grow
 * exponentially with jitter, and a `Retry-After` is honoured up to a cap.
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
  maxRetryAfterMs: 30_000,
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
};

export function isRetryable(error: unknown, repeatable: boolean): boolean {
  if (!(error instanceof ConnectorError)) return false;
  if (error.code === 'RATE_LIMITED') return true;
  if (error.code === 'UPSTREAM') return error.status === undefined || error.status !== 500 || repeatable;
  if (error.code === 'TIMEOUT') return repeatable;
  return false;
}

function backoff(attempt: number, settings: RetrySettings): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** The wait before the next attempt: the backoff, or the provider's Retry-After (capped) if longer. */
export function delayBefore(attempt: number, error: ConnectorError, settings: RetrySettings): number {
  const told = error.retryAfterMs === undefined ? 0 : Math.min(error.retryAfterMs, settings.maxRetryAfterMs);
  return Math.max(backoff(attempt, settings), told);
}

export function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  settings: RetrySettings,
  repeatable: boolean,
  signal: AbortSignal,
): Promise<T> {
  return pRetry(attempt, {
    retries: Math.max(0, settings.attempts - 1),
    minTimeout: 0,
    maxTimeout: 0,
    randomize: false,
    signal,
    shouldRetry: ({ error }) => isRetryable(error, repeatable),
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft > 0 && isRetryable(error, repeatable))
        await settings.sleep(delayBefore(attemptNumber, error as ConnectorError, settings), signal);
    },
  });
}
