/**
 * Runs at most one `work` per key at a time in this process; callers that arrive while it runs
 * share its result. Cross-process exclusion is the database's job (advisory locks); this keeps
 * a burst inside one process from queueing on that lock at all.
 */
export class SingleFlight<T> {
  readonly #inFlight = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.#inFlight.get(key);
    if (running) return running;
    const started = work().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, started);
    return started;
  }

  get size(): number {
    return this.#inFlight.size;
  }
}
