/**
 * @module Synchronous calls in flight in this process that `runs.cancel` can stop: keyed calls,
 * whose run row exists while they run. (An unkeyed call has no row until it ends, so there is
 * nothing a caller could name.) Cancelling aborts the call's signal, which the SDK's HTTP client
 * honours; a sync run in another process cannot be reached and is refused with RUN_STATE.
 */
export class SyncCalls {
  readonly #running = new Map<string, AbortController>();

  /** Registers a running call; the returned function unregisters it. */
  track(tenantId: string, runId: string, controller: AbortController): () => void {
    const key = `${tenantId}/${runId}`;
    this.#running.set(key, controller);
    return () => {
      if (this.#running.get(key) === controller) this.#running.delete(key);
    };
  }

  /** Aborts the call if it runs here; false when it does not. */
  cancel(tenantId: string, runId: string): boolean {
    const controller = this.#running.get(`${tenantId}/${runId}`);
    if (!controller) return false;
    controller.abort(new Error('Cancelled by runs.cancel'));
    return true;
  }
}
