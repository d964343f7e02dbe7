/**
 * @module Adaptive batching for hot-path reads: keys asked for while a load is in flight are
 * loaded together by the next one, so under load many requests share one query (and one
 * transaction) while a lone request waits for nothing but a turn of the event loop.
 */
export type BatchLoad<K, V> = (keys: K[]) => Promise<Map<K, V>>;

export class Batcher<K, V> {
  readonly #load: BatchLoad<K, V>;
  readonly #maxBatch: number;
  #waiting = new Map<K, { resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[]>();
  #running = false;

  constructor(load: BatchLoad<K, V>, options: { maxBatch?: number } = {}) {
    this.#load = load;
    this.#maxBatch = options.maxBatch ?? 500;
  }

  /** The value for `key`, or undefined when the loader found none. */
  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.#waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.#waiting.set(key, [{ resolve, reject }]);
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#waiting.size > 0) {
      const batch = new Map([...this.#waiting].slice(0, this.#maxBatch));
      for (const key of batch.keys()) this.#waiting.delete(key);
      try {
        const found = await this.#load([...batch.keys()]);
        for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
      } catch (error) {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
      }
    }
    this.#running = false;
  }
}
