/**
 * @module A cache of rows that other processes may change, kept honest by a ChangeFeed: it
 * answers only while the feed is live, forgets a row when a change names it (from this process
 * at once, from others when the notification arrives) and forgets everything when the feed
 * drops. A load that was in flight when a change arrived may have read the old row, so it is
 * not stored (the generation check). Entries also age out after `maxAgeMs`, a backstop only.
 */
import type { ChangeFeed } from './change-feed.ts';

export interface FeedCacheOptions {
  /** The part of a notification payload this cache owns, e.g. `k:`; the rest is the key. */
  prefix: string;
  maxAgeMs: number;
  maxEntries: number;
}

interface Entry<V> {
  value: V;
  storedAt: number;
}

export class FeedCache<V> {
  readonly #feed: ChangeFeed;
  readonly #options: FeedCacheOptions;
  readonly #entries = new Map<string, Entry<V>>();
  #generation = 0;

  constructor(feed: ChangeFeed, options: FeedCacheOptions) {
    this.#feed = feed;
    this.#options = options;
    feed.subscribe((event) => {
      if (event.kind === 'reset') this.clear();
      else if (event.payload.startsWith(options.prefix)) this.forget(event.payload.slice(options.prefix.length));
    });
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value, only while the feed listens and the entry is young enough. */
  get(key: string): V | undefined {
    if (!this.#feed.live) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.storedAt > this.#options.maxAgeMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Taken before reading the database; `set` stores the result only if nothing changed since. */
  generation(): number {
    return this.#generation;
  }

  set(key: string, value: V, generation: number): void {
    if (generation !== this.#generation || !this.#feed.live) return;
    // Oldest first out: Map keeps insertion order, so the first key is the oldest entry.
    if (this.#entries.size >= this.#options.maxEntries && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, storedAt: Date.now() });
  }

  forget(key: string): void {
    this.#generation++;
    this.#entries.delete(key);
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
