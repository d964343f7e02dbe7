/**
 * @module The process's ear on the `patchbay_cache` channel (migration 202612040300): one
 * dedicated connection that LISTENs, so caches of rows other processes may change can be dropped
 * within milliseconds of the change committing anywhere. Caches may serve only while the feed is
 * `live`: when the connection drops (a database restart, `pg_terminate_backend`, a silent network
 * failure caught by the heartbeat) every subscriber is told to forget everything and the feed is
 * not live until it listens again, so nothing missed meanwhile can be served. Reconnecting is
 * retried for ever; a database outage never ends the process.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export const CHANGE_CHANNEL = 'patchbay_cache';
/** How the listening connection names itself in pg_stat_activity. */
export const CHANGE_FEED_APPLICATION = 'patchbay-change-feed';

/** A row changed (`payload` names it), or everything may have changed (`reset`). */
export type ChangeEvent = { kind: 'change'; payload: string } | { kind: 'reset' };
export type ChangeSubscriber = (event: ChangeEvent) => void;

export interface ChangeFeedOptions {
  /** Wait between reconnection attempts. */
  retryMs?: number;
  /** How often the connection proves it still hears the channel, and how long that may take before it counts as lost. */
  heartbeatMs?: number;
}

export class ChangeFeed {
  readonly #config: pg.ClientConfig;
  readonly #retryMs: number;
  readonly #heartbeatMs: number;
  readonly #subscribers = new Set<ChangeSubscriber>();
  #client: pg.Client | undefined;
  #live = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  /** The heartbeat's own notification, awaited back on the listening connection. */
  #probe: { payload: string; heard: () => void } | undefined;
  #probes = 0;
  readonly #probeId = randomUUID();

  constructor(config: pg.ClientConfig, options: ChangeFeedOptions = {}) {
    this.#config = config;
    this.#retryMs = options.retryMs ?? 250;
    this.#heartbeatMs = options.heartbeatMs ?? 2_000;
  }

  /** True while the LISTEN connection is up: only then may a cache answer from memory. */
  get live(): boolean {
    return this.#live;
  }

  subscribe(subscriber: ChangeSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /**
   * Tells this process's caches about a change it has just committed, without waiting for the
   * notification to come back: what makes a revocation effective in the revoking process at once.
   */
  announce(payload: string): void {
    this.#emit({ kind: 'change', payload });
  }

  /** Connects once; resolves whether or not that worked (until it does, caches fall back to the database). */
  async start(): Promise<void> {
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#down(client);
    await client?.end().catch(() => {});
  }

  #emit(event: ChangeEvent): void {
    for (const subscriber of this.#subscribers) subscriber(event);
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({
      ...this.#config,
      application_name: CHANGE_FEED_APPLICATION,
      connectionTimeoutMillis: this.#heartbeatMs,
      keepAlive: true,
    });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL || !message.payload) return;
      if (message.payload === this.#probe?.payload) this.#probe.heard();
      else if (this.#client === client) this.#emit({ kind: 'change', payload: message.payload });
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANGE_CHANNEL}`);
    } catch {
      await client.end().catch(() => {});
      this.#schedule(() => this.#connect(), this.#retryMs);
      return;
    }
    if (this.#stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    // Whatever a cache loaded before this point was loaded while nobody listened.
    this.#emit({ kind: 'reset' });
    this.#live = true;
    this.#schedule(() => this.#beat(client), this.#heartbeatMs);
  }

  /**
   * Proves the connection still hears the channel: it notifies a probe of its own and waits for
   * it to come back. A plain `select 1` would pass behind a transaction-mode pooler, where LISTEN
   * sits on some other server connection and nothing is ever heard; then the feed is never live
   * for long and caches keep falling back to the database instead of serving stale rows.
   */
  async #beat(client: pg.Client): Promise<void> {
    if (this.#client !== client) return;
    const payload = `probe:${this.#probeId}:${++this.#probes}`;
    const heard = new Promise<'ok'>((resolve) => {
      this.#probe = { payload, heard: () => resolve('ok') };
    });
    const timeout = new Promise<'timeout'>((resolve) => {
      const t = setTimeout(() => resolve('timeout'), this.#heartbeatMs);
      t.unref();
    });
    const sent = client.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, payload]).then(
      () => heard,
      () => 'failed' as const,
    );
    const answer = await Promise.race([sent, timeout]);
    this.#probe = undefined;
    if (this.#client !== client) return;
    if (answer !== 'ok') {
      this.#lost(client);
      return;
    }
    this.#schedule(() => this.#beat(client), this.#heartbeatMs);
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#down(client);
    void client.end().catch(() => {});
    this.#schedule(() => this.#connect(), this.#retryMs);
  }

  #down(client: pg.Client | undefined): void {
    if (client === undefined || this.#client !== client) return;
    this.#client = undefined;
    this.#live = false;
    this.#emit({ kind: 'reset' });
  }

  #schedule(fn: () => Promise<void>, ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void fn(), ms);
    this.#timer.unref();
  }
}

const feeds = new WeakMap<Kysely<Database>, ChangeFeed>();

/** Makes `feed` the one caches built on `db` listen to. Without one, nothing is cached. */
export function attachChangeFeed(db: Kysely<Database>, feed: ChangeFeed): void {
  feeds.set(db, feed);
}

export function changeFeedFor(db: Kysely<Database>): ChangeFeed | undefined {
  return feeds.get(db);
}

/** Tells this process's caches on `db` about a change just committed (see `ChangeFeed.announce`). */
export function announceChange(db: Kysely<Database>, payload: string): void {
  feeds.get(db)?.announce(payload);
}
