/**
 * @module The retry rule shared by the upload helpers. An upload step that failed in a way the
 * provider may recover from (5xx, a dropped connection, a timeout, a rate limit) is tried again
 * from the point the provider confirmed, never from the first byte; after `tries` failures in a
 * row without progress the upload gives up with UPLOAD_INCOMPLETE.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { ConnectorError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { HttpClient } from './types.ts';

/** What the upload helpers need of `ctx`; pass the action's `ctx` itself. */
export interface UploadContext {
  http: HttpClient;
  log?: Logger | undefined;
  signal?: AbortSignal | undefined;
}

export interface UploadRetryOptions {
  /** Failed tries in a row, without progress, before giving up (default 5). */
  tries?: number;
  /** The first wait between tries; it doubles, up to 30 s (default 1 s). */
  retryDelayMs?: number;
}

const MAX_DELAY_MS = 30_000;

/** True for a failure worth another try at the same step. */
export function recoverable(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError && (error.code === 'UPSTREAM' || error.code === 'TIMEOUT' || error.code === 'RATE_LIMITED');
}

/** Counts failures in a row and waits between them; `progress()` resets the count. */
export class UploadRetries {
  readonly #tries: number;
  readonly #delayMs: number;
  readonly #signal: AbortSignal | undefined;
  #failures = 0;

  constructor(options: UploadRetryOptions, signal: AbortSignal | undefined) {
    this.#tries = Math.max(1, options.tries ?? 5);
    this.#delayMs = Math.max(0, options.retryDelayMs ?? 1_000);
    this.#signal = signal;
  }

  progress(): void {
    this.#failures = 0;
  }

  /**
   * After a failed step: rethrows what is not recoverable, gives up with UPLOAD_INCOMPLETE when
   * the tries are spent, else waits (the provider's Retry-After when it names a longer one).
   */
  async failed(error: unknown, where: string): Promise<void> {
    if (!recoverable(error)) throw error;
    // A wait longer than we hold an upload for goes back to the caller, with retryAfterMs.
    if ((error.retryAfterMs ?? 0) > MAX_DELAY_MS) throw error;
    this.#failures += 1;
    if (this.#failures >= this.#tries)
      throw new ConnectorError('UPLOAD_INCOMPLETE', `The upload gave up after ${this.#failures} failed tries ${where}: ${error.message}`, {
        status: error.status,
        providerCode: error.providerCode,
        requestSent: true,
        cause: error,
      });
    const backoff = Math.min(MAX_DELAY_MS, this.#delayMs * 2 ** (this.#failures - 1));
    await sleepFor(Math.max(backoff, error.retryAfterMs ?? 0), undefined, this.#signal ? { signal: this.#signal } : {});
  }
}
