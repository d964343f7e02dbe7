import { randomUUID } from 'node:crypto';
import { generateKeyEntry, parseKeyRing } from '@patchbay/auth';
import { attachChangeFeed, ChangeFeed, createKysely, withTenant } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../engine-error.ts';
import { ConnectionLoader } from './connection-loader.ts';
import { sealCredentials } from './credentials.ts';

const ring = parseKeyRing(generateKeyEntry('k1'));
let t: TestDatabase;
const A = randomUUID();
const B = randomUUID();
const seeded: Record<string, string[]> = { [A]: [], [B]: [] };
const expiresAt = new Date('2027-01-02T03:04:05.000Z');

beforeAll(async () => {
  t = await createTestDatabase();
  // In each tenant's scope: FORCE RLS binds a non-superuser owner (managed Postgres) too.
  for (const tenantId of [A, B]) {
    await withTenant(t.db, tenantId, async (tx) => {
      await tx.insertInto('organizations').values({ id: tenantId, name: tenantId }).execute();
      for (let i = 0; i < 3; i++) {
        const id = randomUUID();
        await tx
          .insertInto('connections')
          .values({
            id,
            tenant_id: tenantId,
            connector_id: 'acme',
            auth_kind: 'oauth2',
            scopes: ['read', 'write'],
            metadata: JSON.stringify({ team: { id: `T${i}` } }),
            expires_at: expiresAt,
            credentials_sealed: sealCredentials(ring, tenantId, id, { accessToken: `tok-${tenantId}-${i}` }),
          })
          .execute();
        seeded[tenantId]?.push(id);
      }
    });
  }
});
afterAll(() => t?.destroy());

const ids = (tenantId: string) => seeded[tenantId] as string[];

describe.each([
  ['three round trips (withTenants)', false],
  ['one round trip (pipelined scope)', true],
])('ConnectionLoader, %s', (_name, pipelined) => {
  const newLoader = () => (pipelined ? new ConnectionLoader(t.db, ring, t.pool) : new ConnectionLoader(t.db, ring));

  it("loads two tenants' connections asked for together, each opened for its own tenant, with typed columns", async () => {
    const loader = newLoader();
    const asked = [A, B].flatMap((tenantId) => ids(tenantId).map((id) => [tenantId, id] as const));
    const loaded = await Promise.all(asked.map(([tenantId, id]) => loader.load(tenantId, id)));
    loaded.forEach((connection, n) => {
      const [tenantId, id] = asked[n] as readonly [string, string];
      expect(connection).toMatchObject({ tenantId, id, connectorId: 'acme', authKind: 'oauth2', status: 'active' });
      expect(connection.stored).toEqual({ accessToken: `tok-${tenantId}-${n % 3}` });
      expect(connection.scopes).toEqual(['read', 'write']);
      expect(connection.metadata).toEqual({ team: { id: `T${n % 3}` } });
      expect(connection.expiresAt).toEqual(expiresAt);
    });
  });

  it('finds no connection named under another tenant, and its neighbours in the batch still load', async () => {
    const loader = newLoader();
    const [stolen, own, missing] = await Promise.allSettled([
      loader.load(A, ids(B)[0] as string),
      loader.load(B, ids(B)[1] as string),
      loader.load(A, randomUUID()),
    ]);
    expect(stolen.status === 'rejected' && stolen.reason).toBeInstanceOf(EngineError);
    expect(stolen.status === 'rejected' && (stolen.reason as EngineError).code).toBe('CONNECTION_NOT_FOUND');
    expect(own.status === 'fulfilled' && own.value.stored).toEqual({ accessToken: `tok-${B}-1` });
    expect(missing.status === 'rejected' && (missing.reason as EngineError).code).toBe('CONNECTION_NOT_FOUND');
  });
});

describe('ConnectionLoader with a change feed (cached)', () => {
  it('hands each call its own copy: what one call does to credentials, metadata, scopes or expiry never reaches the next', async () => {
    const feed = new ChangeFeed({ connectionString: t.url });
    await feed.start();
    try {
      // A handle of its own, so only this loader sees the feed.
      const db = createKysely(t.pool);
      attachChangeFeed(db, feed);
      const loader = new ConnectionLoader(db, ring, t.pool);
      const id = ids(A)[2] as string;
      const spoil = (connection: Awaited<ReturnType<ConnectionLoader['load']>>) => {
        (connection.stored as { accessToken: string }).accessToken = 'leaked';
        (connection.metadata as { team: { id: string } }).team.id = 'changed';
        connection.scopes.push('admin');
        connection.expiresAt?.setTime(0);
      };
      // The first load reads the row; the next ones are served from memory. Each spoils its copy.
      for (let i = 0; i < 3; i++) {
        const loaded = await loader.load(A, id);
        expect(loaded.stored).toEqual({ accessToken: `tok-${A}-2` });
        expect(loaded.metadata).toEqual({ team: { id: 'T2' } });
        expect(loaded.scopes).toEqual(['read', 'write']);
        expect(loaded.expiresAt).toEqual(expiresAt);
        spoil(loaded);
      }
    } finally {
      await feed.stop();
    }
  });
});
