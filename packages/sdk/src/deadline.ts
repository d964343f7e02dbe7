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

/**
 * A class, not an object literal: a literal with a `get` makes V8 allocate a fresh accessor pair
 * for each object, in the old generation, and that pair holds the getter's closure (with the
 * call's controller, timer and listeners) past every minor collection. At one deadline per
 * attempt that promoted about 3 KB per action call to the old generation, where only a full
 * collection could free it. A prototype getter is made once.
 */
class TimerDeadline implements Deadline {
  readonly #controller = new AbortController();
  readonly #outer: AbortSignal | undefined;
  readonly #timer: NodeJS.Timeout;
  #timedOut = false;
  readonly #follow = () => this.#controller.abort(this.#outer?.reason);

  constructor(timeoutMs: number, outer: AbortSignal | undefined, options: DeadlineOptions) {
    this.#outer = outer;
    // A plain timer rather than AbortSignal.timeout, so a test's fake clock can run a 45 s action.
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort(options.reason?.());
      options.onTimeout?.();
    }, timeoutMs);
    if (options.unref) this.#timer.unref();
    if (outer?.aborted) this.#follow();
    else outer?.addEventListener('abort', this.#follow, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get timedOut(): boolean {
    return this.#timedOut;
  }

  end(): void {
    clearTimeout(this.#timer);
    this.#outer?.removeEventListener('abort', this.#follow);
  }
}

export function startDeadline(timeoutMs: number, outer: AbortSignal | undefined, options: DeadlineOptions = {}): Deadline {
  return new TimerDeadline(timeoutMs, outer, options);
}
