import { randomUUID } from 'node:crypto';
import { type TenantTx, withTenant } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey, generateApiKey, parseApiKey } from './api-keys.ts';

let t: TestDatabase;
const tenant = randomUUID();
beforeAll(async () => {
  t = await createTestDatabase();
  // In the tenant's scope: FORCE RLS binds a non-superuser owner (managed Postgres) too.
  await withTenant(t.db, tenant, (tx) => tx.insertInto('organizations').values({ id: tenant, name: 'Acme' }).execute());
});
afterAll(() => t.destroy());

/** Test reads and writes of key rows, in the tenant's scope: FORCE RLS binds a non-superuser owner. */
const inTenant = <T>(fn: (tx: TenantTx) => Promise<T>) => withTenant(t.db, tenant, fn);

async function storeKey() {
  const generated = generateApiKey();
  const row = await inTenant((tx) =>
    tx
      .insertInto('api_keys')
      .values({ tenant_id: tenant, name: 'ci', prefix: generated.prefix, secret_hash: generated.secretHash })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return { ...generated, id: row.id };
}

describe('API keys', () => {
  it('have a recognizable format whose secret is never stored', async () => {
    const key = await storeKey();
    expect(key.key).toMatch(/^pbk_[0-9a-f]{16}_[A-Za-z0-9_-]{32}$/);
    expect(parseApiKey(key.key)?.prefix).toBe(key.prefix);
    const stored = JSON.stringify(await inTenant((tx) => tx.selectFrom('api_keys').selectAll().execute()));
    expect(stored).not.toContain(parseApiKey(key.key)?.secret);
  });

  it('authenticate to their tenant; a wrong secret, a malformed key or a revoked key do not', async () => {
    const key = await storeKey();
    expect(await authenticateApiKey(t.db, key.key)).toEqual({ keyId: key.id, tenantId: tenant, scopes: ['admin'] });
    const wrong = `${key.key.slice(0, -4)}AAAA`;
    expect(await authenticateApiKey(t.db, wrong)).toBeUndefined();
    expect(await authenticateApiKey(t.db, 'pbk_nope')).toBeUndefined();
    await inTenant((tx) => tx.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', key.id).execute());
    expect(await authenticateApiKey(t.db, key.key)).toBeUndefined();
  });

  it('are refused once expired, like a revoked key, and carry their scopes (admin for keys made before scopes)', async () => {
    const key = await storeKey();
    await inTenant((tx) =>
      tx
        .updateTable('api_keys')
        .set({ scopes: ['actions:run'], expires_at: new Date(Date.now() + 60_000) })
        .where('id', '=', key.id)
        .execute(),
    );
    expect(await authenticateApiKey(t.db, key.key)).toEqual({ keyId: key.id, tenantId: tenant, scopes: ['actions:run'] });
    await inTenant((tx) =>
      tx
        .updateTable('api_keys')
        .set({ expires_at: new Date(Date.now() - 1) })
        .where('id', '=', key.id)
        .execute(),
    );
    expect(await authenticateApiKey(t.db, key.key)).toBeUndefined();
  });

  it('record last use without a write on every request', async () => {
    const key = await storeKey();
    await authenticateApiKey(t.db, key.key);
    const first = await inTenant((tx) =>
      tx.selectFrom('api_keys').select('last_used_at').where('id', '=', key.id).executeTakeFirstOrThrow(),
    );
    expect(first.last_used_at).toBeInstanceOf(Date);
    await inTenant((tx) =>
      tx
        .updateTable('api_keys')
        .set({ last_used_at: new Date(0) })
        .where('id', '=', key.id)
        .execute(),
    );
    for (let i = 0; i < 5; i++) await authenticateApiKey(t.db, key.key);
    const after = await inTenant((tx) =>
      tx.selectFrom('api_keys').select('last_used_at').where('id', '=', key.id).executeTakeFirstOrThrow(),
    );
    expect(after.last_used_at?.getTime()).toBe(0);
  });

  it('checked together when presented at once (one batched lookup), each key still gets its own answer', async () => {
    const [a, b, revoked] = [await storeKey(), await storeKey(), await storeKey()];
    await inTenant((tx) => tx.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', revoked.id).execute());
    const wrongSecretOfA = `${a.key.slice(0, -4)}AAAA`;
    const presented = [a.key, b.key, revoked.key, wrongSecretOfA, a.key, `pbk_${'0'.repeat(16)}_${'x'.repeat(32)}`];
    const answers = await Promise.all(presented.map((key) => authenticateApiKey(t.db, key)));
    expect(answers).toEqual([
      { keyId: a.id, tenantId: tenant, scopes: ['admin'] },
      { keyId: b.id, tenantId: tenant, scopes: ['admin'] },
      undefined,
      undefined,
      { keyId: a.id, tenantId: tenant, scopes: ['admin'] },
      undefined,
    ]);
  });
});
