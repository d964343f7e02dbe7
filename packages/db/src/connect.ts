import path from 'node:path';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import { DatabaseStartError, redactUrl } from './errors.ts';
import type { Database } from './schema.ts';

export interface OpenDatabaseOptions {
  /** External Postgres. When absent, an embedded Postgres is started under `dataDir`. */
  url?: string | undefined;
  /** Where the embedded cluster lives (default `.patchbay/postgres`). */
  dataDir?: string;
  /** Database created and used inside the embedded cluster (default `patchbay`). */
  embeddedDatabase?: string;
  /** Most connections the pool opens (default `DEFAULT_POOL_MAX`). */
  poolSize?: number | undefined;
  onPostgresLog?: (line: string) => void;
}

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly pool: pg.Pool;
  /** The URL in use, with the password redacted: safe to log. */
  readonly displayUrl: string;
  readonly embedded: EmbeddedPostgres | undefined;
  /** Ends the pool, then stops the embedded Postgres if there is one. */
  close(): Promise<void>;
}

// Dates travel as ISO-8601 strings on our wire; timestamptz arrives as Date and bigint as text by default.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

/** Pool size when PATCHBAY_DB_POOL_MAX is unset. */
export const DEFAULT_POOL_MAX = 10;

/**
 * How long opening a new connection may take. Short, so that during a database outage (a server
 * that refuses or does not answer) calls fail fast (SERVICE_UNAVAILABLE) instead of piling up.
 */
export const CONNECT_TIMEOUT_MS = 2_000;

/**
 * How long a caller waits for a free connection when every one is busy. That is load, not an
 * outage: with the connect timeout alone a busy pool answered SERVICE_UNAVAILABLE after 2 s of
 * queueing. During an outage the queue does not fill: busy connections fail at once, and the
 * waiter then gets a new connection, whose connect is bounded by CONNECT_TIMEOUT_MS.
 */
export const POOL_WAIT_MS = 15_000;

/** node-postgres's client with the short connect timeout; the pool's own timeout is the queue wait. */
class PoolClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

export function createPool(url: string, max = DEFAULT_POOL_MAX): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: POOL_WAIT_MS, Client: PoolClient });
  // An idle client losing its server (restart, failover) must not crash the process; the next
  // query on it fails and is reported where it was made.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

/**
 * The pool as Kysely sees it, with one guard: a connection handed back while still inside a
 * transaction (a scope whose `begin; select set_config(...)` failed half way, a lost COMMIT) is
 * destroyed rather than pooled, so the next caller never inherits an open or aborted transaction
 * or another tenant's settings. The check reads the status Postgres reports with ReadyForQuery,
 * so it costs no round trip. pg rejects a failed query on the ErrorResponse, before that status
 * arrives; such a release waits for it (the client's 'drain'), or for the connection to end.
 */
/** How long a release waits for the reply in flight before it destroys the connection instead. */
const RELEASE_WAIT_MS = 5_000;

function guardedPool(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      const release = client.release;
      client.release = (destroy?: Error | boolean) => {
        const settle = () =>
          release.call(client, destroy || (client.getTransactionStatus() === 'I' ? undefined : new Error('released inside a transaction')));
        // pg's own (untyped) flags: `readyForQuery` is false while a reply is still arriving;
        // `_queryable` is false once the connection died, after which no event will come.
        const state = client as { readyForQuery?: boolean; _queryable?: boolean };
        if (!destroy && state._queryable === false) return release.call(client, new Error('connection lost'));
        if (destroy || state.readyForQuery !== false) return settle();
        let settled = false;
        const once = () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          client.off('drain', once);
          client.off('end', once);
          client.off('error', once);
          settle();
        };
        // Never hold a connection forever waiting for a reply that is not coming.
        const timer = setTimeout(() => {
          destroy = new Error('no ReadyForQuery after release');
          once();
        }, RELEASE_WAIT_MS);
        timer.unref();
        client.on('drain', once);
        client.on('end', once);
        client.on('error', once);
      };
      return client;
    },
    end: () => pool.end(),
    // Kysely reads these to open a separate control connection when it cancels a query.
    Client: pg.Client,
    options: pool.options,
  };
}

export function createKysely(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: guardedPool(pool) }) });
}

/** Fails with one clear line when the server cannot be reached or refuses us. */
export async function assertReachable(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('select 1');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DatabaseStartError(`cannot reach the database at ${redactUrl(url)} (${reason})`);
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Opens the application database: the one at `url`, or an embedded Postgres when `url` is unset.
 *
 * @example
 * const handle = await openDatabase({ url: process.env.DATABASE_URL });
 * await handle.db.selectFrom('organizations').selectAll().execute();
 * await handle.close();
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.url;
  if (!url) {
    const dataDir = options.dataDir ?? path.resolve('.patchbay', 'postgres');
    embedded = await startEmbeddedPostgres({ dataDir, ...(options.onPostgresLog ? { onLog: options.onPostgresLog } : {}) });
    try {
      url = await ensureDatabase(embedded.url, options.embeddedDatabase ?? 'patchbay');
    } catch (error) {
      await embedded.stop();
      throw error;
    }
  }
  const pool = createPool(url, options.poolSize);
  try {
    await assertReachable(pool, url);
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw error;
  }
  const db = createKysely(pool);
  let closing: Promise<void> | undefined;
  return {
    db,
    pool,
    displayUrl: redactUrl(url),
    embedded,
    close() {
      closing ??= (async () => {
        await db.destroy();
        await embedded?.stop();
      })();
      return closing;
    },
  };
}
