/**
 * @module API keys: `pbk_<prefix>_<secret>`. The prefix finds the row and is safe to show;
 * only the secret's SHA-256 is stored, compared in constant time. Keys are found before their
 * tenant is known, so the lookup runs as `patchbay_auth`, which can read nothing else.
 */
import { randomBytes } from 'node:crypto';
import { type Database, withKeyLookup } from '@patchbay/db';
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
}

const TOUCH_INTERVAL_MS = 60_000;
const lastTouched = new Map<string, number>();

/**
 * The key's id and tenant, or undefined for a malformed, unknown or revoked key. `last_used_at`
 * is written at most once a minute per key per process, not on every request.
 */
export async function authenticateApiKey(db: Kysely<Database>, key: string): Promise<ApiKeyPrincipal | undefined> {
  const parsed = parseApiKey(key);
  if (!parsed) return undefined;
  return withKeyLookup(db, async (tx) => {
    const row = await tx
      .selectFrom('api_keys')
      .select(['id', 'tenant_id', 'secret_hash', 'revoked_at'])
      .where('prefix', '=', parsed.prefix)
      .executeTakeFirst();
    if (!row || !sameDigest(row.secret_hash, sha256Hex(parsed.secret)) || row.revoked_at) return undefined;
    const now = Date.now();
    if (now - (lastTouched.get(row.id) ?? 0) > TOUCH_INTERVAL_MS) {
      lastTouched.set(row.id, now);
      await tx
        .updateTable('api_keys')
        .set({ last_used_at: new Date(now) })
        .where('id', '=', row.id)
        .where('tenant_id', '=', row.tenant_id)
        .execute();
    }
    return { keyId: row.id, tenantId: row.tenant_id };
  });
}
