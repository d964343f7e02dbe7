/**
 * @module One AbortController for a deadline and the signal of whoever asked: it aborts when its
 * timer fires, or with `outer`'s reason when `outer` aborts. On the hot path this replaced
 * `AbortSignal.timeout` plus `AbortSignal.any`, whose composite signals are tracked until the
 * garbage collector finalizes them (docs/perf/s3-profile-after.md).
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True once the timer fired (not when `outer` aborted). */
  readonly timedOut: boolean;
  /** Stops the timer and stops following `outer`. */
  end(): void;
}

export interface DeadlineOptions {
  /** The abort reason when the timer fires; AbortController's own AbortError when absent. */
  reason?: () => unknown;
  /** Lets the process exit while only this timer is pending, as AbortSignal.timeout does. */
  unref?: boolean;
  /** Called after the signal aborts for the timer. */
  onTimeout?: () => void;
}

export function startDeadline(timeoutMs: number, outer: AbortSignal | undefined, options: DeadlineOptions = {}): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  // A plain timer rather than AbortSignal.timeout, so a test's fake clock can run a 45 s action.
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(options.reason?.());
    options.onTimeout?.();
  }, timeoutMs);
  if (options.unref) timer.unref();
  const follow = () => controller.abort(outer?.reason);
  if (outer?.aborted) follow();
  else outer?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    end() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', follow);
    },
  };
}
