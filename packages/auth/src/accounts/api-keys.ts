/**
 * @module API keys: `pbk_<prefix>_<secret>`. The prefix finds the row and is safe to show;
 * only the secret's SHA-256 is stored, compared in constant time. Keys are found before their
 * tenant is known, so the lookup runs as `patchbay_auth`, which can read nothing else.
 */
import { randomBytes } from 'node:crypto';
import { Batcher, type Database, withKeyLookup } from '@patchbay/db';
import type { Kysely } from 'kysely';
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
const lastTouched = new Map<string, number>();
const batchers = new WeakMap<Kysely<Database>, Batcher<string, ApiKeyPrincipal>>();

/**
 * Checks every key presented while a lookup is in flight with one query (see Batcher): rows by
 * prefix, then each secret against its row in constant time. `last_used_at` is written in the
 * same transaction for keys that passed, at most once a minute per key per process.
 */
function keyChecker(db: Kysely<Database>): Batcher<string, ApiKeyPrincipal> {
  let batcher = batchers.get(db);
  if (batcher) return batcher;
  batcher = new Batcher<string, ApiKeyPrincipal>((keys) =>
    withKeyLookup(db, async (tx) => {
      const parsed = keys.map((key) => ({ key, parts: parseApiKey(key) }));
      const prefixes = [...new Set(parsed.flatMap((p) => (p.parts ? [p.parts.prefix] : [])))];
      const verified = new Map<string, ApiKeyPrincipal>();
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
        verified.set(key, { keyId: row.id, tenantId: row.tenant_id, scopes: row.scopes });
        if (now - (lastTouched.get(row.id) ?? 0) > TOUCH_INTERVAL_MS) {
          lastTouched.set(row.id, now);
          touch.push(row.id);
        }
      }
      if (touch.length) {
        await tx
          .updateTable('api_keys')
          .set({ last_used_at: new Date(now) })
          .where('id', 'in', touch)
          .execute();
      }
      return verified;
    }),
  );
  batchers.set(db, batcher);
  return batcher;
}

/**
 * The key's id, tenant and scopes, or undefined for a malformed, unknown, revoked or expired key. Revocation is
 * effective on the next request: nothing is cached between lookups.
 */
export async function authenticateApiKey(db: Kysely<Database>, key: string): Promise<ApiKeyPrincipal | undefined> {
  if (!parseApiKey(key)) return undefined;
  return keyChecker(db).load(key);
}
