/**
 * @module API keys: `pbk_<prefix>_<secret>`. The prefix finds the row and is safe to show;
 * only the secret's SHA-256 is stored, compared in constant time. Keys are found before their
 * tenant is known, so the lookup runs as `patchbay_auth`, which can read nothing else.
 */
import { randomBytes } from 'node:crypto';
import { announceChange, Batcher, changeFeedFor, type Database, FeedCache, withKeyLookup } from '@patchbay/db';
import type { Kysely, Transaction } from 'kysely';
import { randomToken, sameDigest, sha256Hex } from './tokens.ts';

const FORMAT = /^pbk_([0-9a-f]{16})_([A-Za-z0-9_-]{32})$/;

export interface NewApiKey {
  key: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(8).toString('hex');
  const secret = randomToken(24);
  return { key: `pbk_${prefix}_${secret}`, prefix, secretHash: sha256Hex(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const m = FORMAT.exec(key);
  return m?.[1] && m[2] ? { prefix: m[1], secret: m[2] } : undefined;
}

export interface ApiKeyPrincipal {
  keyId: string;
  tenantId: string;
  scopes: string[];
}

const TOUCH_INTERVAL_MS = 60_000;
/** A backstop only: revocations reach every process through the change feed within milliseconds. */
const KEY_CACHE_MAX_AGE_MS = 30_000;
const KEY_CACHE_MAX_ENTRIES = 10_000;
const lastTouched = new Map<string, number>();

/** A verified key's row as the cache keeps it: the secret only as its hash, checked on every use. */
interface KeyRow {
  principal: ApiKeyPrincipal;
  secretHash: string;
  expiresAt: Date | null;
}

interface KeyChecker {
  batcher: Batcher<string, KeyRow>;
  /** By prefix; absent when the process has no change feed (then every request reads the row). */
  cache: FeedCache<KeyRow> | undefined;
}

const checkers = new WeakMap<Kysely<Database>, KeyChecker>();

function dueForTouch(keyId: string, now: number): boolean {
  if (now - (lastTouched.get(keyId) ?? 0) <= TOUCH_INTERVAL_MS) return false;
  lastTouched.set(keyId, now);
  return true;
}

/**
 * Checks every key presented while a lookup is in flight with one query (see Batcher): rows by
 * prefix, then each secret against its row in constant time. `last_used_at` is written in the
 * same transaction for keys that passed, at most once a minute per key per process.
 */
function keyChecker(db: Kysely<Database>): KeyChecker {
  let checker = checkers.get(db);
  if (checker) return checker;
  const feed = changeFeedFor(db);
  const batcher = new Batcher<string, KeyRow>((keys) =>
    withKeyLookup(db, async (tx) => {
      const parsed = keys.map((key) => ({ key, parts: parseApiKey(key) }));
      const prefixes = [...new Set(parsed.flatMap((p) => (p.parts ? [p.parts.prefix] : [])))];
      const verified = new Map<string, KeyRow>();
      if (prefixes.length === 0) return verified;
      const rows = await tx
        .selectFrom('api_keys')
        .select(['id', 'tenant_id', 'prefix', 'secret_hash', 'revoked_at', 'expires_at', 'scopes'])
        .where('prefix', 'in', prefixes)
        .execute();
      const byPrefix = new Map(rows.map((row) => [row.prefix, row]));
      const now = Date.now();
      const touch: string[] = [];
      for (const { key, parts } of parsed) {
        const row = parts ? byPrefix.get(parts.prefix) : undefined;
        if (!parts || !row || row.revoked_at || !sameDigest(row.secret_hash, sha256Hex(parts.secret))) continue;
        // An expired key is refused exactly like a revoked one.
        if (row.expires_at && row.expires_at.getTime() <= now) continue;
        verified.set(key, {
          principal: { keyId: row.id, tenantId: row.tenant_id, scopes: row.scopes },
          secretHash: row.secret_hash,
          expiresAt: row.expires_at,
        });
        if (dueForTouch(row.id, now)) touch.push(row.id);
      }
      if (touch.length) await touchKeys(tx, touch, now);
      return verified;
    }),
  );
  const cache = feed && new FeedCache<KeyRow>(feed, { prefix: 'k:', maxAgeMs: KEY_CACHE_MAX_AGE_MS, maxEntries: KEY_CACHE_MAX_ENTRIES });
  checker = { batcher, cache };
  checkers.set(db, checker);
  return checker;
}

function touchKeys(tx: Transaction<Database>, ids: string[], now: number): Promise<unknown> {
  return tx
    .updateTable('api_keys')
    .set({ last_used_at: new Date(now) })
    .where('id', 'in', ids)
    .execute();
}

/** A cached key's use: checked like a looked-up one (secret, expiry), touched at most once a minute. */
function fromCache(db: Kysely<Database>, row: KeyRow, secret: string): ApiKeyPrincipal | undefined {
  if (!sameDigest(row.secretHash, sha256Hex(secret))) return undefined;
  const now = Date.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now) return undefined;
  if (dueForTouch(row.principal.keyId, now)) {
    // Bookkeeping, not authentication: a failed touch must not fail the request.
    void withKeyLookup(db, (tx) => touchKeys(tx, [row.principal.keyId], now)).catch(() => {});
  }
  return row.principal;
}

/**
 * The key's id, tenant and scopes, or undefined for a malformed, unknown, revoked or expired key.
 * Revocation is effective on the next request: in this process the revoking procedure announces
 * it (`forgetApiKey`), and every other process drops the key when the database's notification
 * arrives; while that feed is down nothing is served from memory.
 */
export async function authenticateApiKey(db: Kysely<Database>, key: string): Promise<ApiKeyPrincipal | undefined> {
  const parts = parseApiKey(key);
  if (!parts) return undefined;
  const { batcher, cache } = keyChecker(db);
  const cached = cache?.get(parts.prefix);
  if (cached) return fromCache(db, cached, parts.secret);
  const generation = cache?.generation() ?? 0;
  const row = await batcher.load(key);
  if (row) cache?.set(parts.prefix, row, generation);
  return row?.principal;
}

/** Drops a key from this process's cache at once, after the change that revoked it committed. */
export function forgetApiKey(db: Kysely<Database>, prefix: string): void {
  announceChange(db, `k:${prefix}`);
}
