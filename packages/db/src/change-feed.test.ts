import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_FEED_APPLICATION, type ChangeEvent, ChangeFeed } from './change-feed.ts';
import { FeedCache } from './feed-cache.ts';
import { withTenant } from './scope.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
let feed: ChangeFeed;
const events: ChangeEvent[] = [];
const tenant = randomUUID();
const prefix = 'cafecafecafecafe';
let connectionId: string;

async function until(what: string, check: () => boolean, ms = 2_000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

const changes = () => events.flatMap((e) => (e.kind === 'change' ? [e.payload] : []));

beforeAll(async () => {
  t = await createTestDatabase();
  await withTenant(t.db, tenant, async (tx) => {
    await tx.insertInto('organizations').values({ id: tenant, name: 'feed' }).execute();
    await tx.insertInto('api_keys').values({ tenant_id: tenant, name: 'k', prefix, secret_hash: 'h' }).execute();
    const row = await tx
      .insertInto('connections')
      .values({ tenant_id: tenant, connector_id: 'acme', auth_kind: 'apiKey', credentials_sealed: 'v1', metadata: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    connectionId = row.id;
  });
  feed = new ChangeFeed({ connectionString: t.url }, { retryMs: 20, heartbeatMs: 500 });
  feed.subscribe((event) => events.push(event));
  await feed.start();
});
afterAll(async () => {
  await feed?.stop();
  await t?.destroy();
});

describe('change feed', () => {
  it('hears a revoked key and a changed connection from the database, and not the bookkeeping writes', async () => {
    expect(feed.live).toBe(true);
    events.length = 0;
    await withTenant(t.db, tenant, async (tx) => {
      await tx.updateTable('api_keys').set({ last_used_at: new Date() }).where('prefix', '=', prefix).execute();
      await sql`update connections set refresh_lock_until = now(), last_error = 'x' where id = ${connectionId}`.execute(tx);
    });
    await withTenant(t.db, tenant, (tx) =>
      tx.updateTable('api_keys').set({ revoked_at: new Date() }).where('prefix', '=', prefix).execute(),
    );
    await withTenant(t.db, tenant, (tx) =>
      tx.updateTable('connections').set({ credentials_sealed: 'v2' }).where('id', '=', connectionId).execute(),
    );
    await until('both notifications', () => changes().length >= 2);
    expect(changes()).toEqual([`k:${prefix}`, `c:${tenant}:${connectionId}`]);
  });

  it('a rolled-back change announces nothing; a delete does', async () => {
    events.length = 0;
    await withTenant(t.db, tenant, async (tx) => {
      await tx.updateTable('connections').set({ status: 'revoked' }).where('id', '=', connectionId).execute();
      throw new Error('roll back');
    }).catch(() => {});
    await withTenant(t.db, tenant, (tx) => tx.deleteFrom('api_keys').where('prefix', '=', prefix).execute());
    await until('the delete', () => changes().length >= 1);
    expect(changes()).toEqual([`k:${prefix}`]);
  });

  it('a cache forgets a named entry, refuses a load that raced a change, and serves nothing while the feed is down', async () => {
    const cache = new FeedCache<string>(feed, { prefix: 'c:', maxAgeMs: 60_000, maxEntries: 10 });
    const key = `${tenant}:${connectionId}`;
    cache.set(key, 'old', cache.generation());
    expect(cache.get(key)).toBe('old');

    const raced = cache.generation();
    await withTenant(t.db, tenant, (tx) =>
      tx.updateTable('connections').set({ credentials_sealed: 'v3' }).where('id', '=', connectionId).execute(),
    );
    await until('the change', () => cache.get(key) === undefined);
    cache.set(key, 'read before the change', raced);
    expect(cache.get(key)).toBeUndefined();

    cache.set(key, 'new', cache.generation());
    expect(cache.get(key)).toBe('new');
    // The listening connection is killed: nothing cached before may be served, then or after it is back.
    await t.pool.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()',
      [CHANGE_FEED_APPLICATION],
    );
    await until('the feed to notice', () => !feed.live);
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, 'loaded while deaf', cache.generation());
    expect(cache.get(key)).toBeUndefined();
    await until('the feed to listen again', () => feed.live);
    expect(cache.get(key)).toBeUndefined();
    expect(events.some((e) => e.kind === 'reset')).toBe(true);

    // Listening again: changes are heard once more.
    cache.set(key, 'after', cache.generation());
    await withTenant(t.db, tenant, (tx) =>
      tx.updateTable('connections').set({ credentials_sealed: 'v4' }).where('id', '=', connectionId).execute(),
    );
    await until('the change after reconnecting', () => cache.get(key) === undefined, 1_000);
  });

  it('an announced change is forgotten at once, before any notification', () => {
    const cache = new FeedCache<string>(feed, { prefix: 'k:', maxAgeMs: 60_000, maxEntries: 10 });
    cache.set('p', 'row', cache.generation());
    feed.announce('k:p');
    expect(cache.get('p')).toBeUndefined();
  });

  it('stays live across heartbeats: each one hears its own probe come back on the channel', async () => {
    const probing = new ChangeFeed({ connectionString: t.url }, { heartbeatMs: 50 });
    const resets: ChangeEvent[] = [];
    probing.subscribe((event) => {
      if (event.kind === 'reset') resets.push(event);
    });
    await probing.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(probing.live).toBe(true);
      // One reset when it first listened; a failed probe would have dropped and reconnected it.
      expect(resets).toHaveLength(1);
    } finally {
      await probing.stop();
    }
  });

  it('entries age out and the oldest leaves first when full', async () => {
    const cache = new FeedCache<number>(feed, { prefix: 'x:', maxAgeMs: 30, maxEntries: 2 });
    for (const n of [1, 2, 3]) cache.set(String(n), n, cache.generation());
    expect([cache.get('1'), cache.get('2'), cache.get('3')]).toEqual([undefined, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cache.get('3')).toBeUndefined();
  });
});
