import { randomUUID } from 'node:crypto';
import { withTenant } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HookSubscription } from './hook-subscriptions.ts';
import { ReceiptWriter } from './receipt-writer.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ poolSize: 8 });
});
afterAll(async () => {
  await t.destroy();
});

// Seeded inside the tenant's scope: as a managed database's non-superuser owner, FORCE RLS binds t.db too.
async function subscription(): Promise<HookSubscription> {
  const tenantId = randomUUID();
  const sub = await withTenant(t.db, tenantId, async (tx) => {
    await tx.insertInto('organizations').values({ id: tenantId, name: tenantId }).execute();
    const connection = await tx
      .insertInto('connections')
      .values({ tenant_id: tenantId, connector_id: 'stripe', auth_kind: 'apiKey', metadata: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return tx
      .insertInto('trigger_subscriptions')
      .values({ tenant_id: tenantId, connection_id: connection.id, connector_id: 'stripe', trigger: 'event', secret_sealed: 'sealed' })
      .returning(['id', 'connection_id', 'connector_id', 'trigger', 'config'])
      .executeTakeFirstOrThrow();
  });
  return { tenantId, sub, trigger: { kind: 'webhook' } as HookSubscription['trigger'], secret: 'whsec_test' };
}

const event = (id: string) => ({ id, type: 'invoice.paid', payload: { id } });
const storedIds = async (known: HookSubscription) =>
  (
    await withTenant(t.db, known.tenantId, (tx) =>
      tx.selectFrom('trigger_events').select('provider_event_id').where('subscription_id', '=', known.sub.id).execute(),
    )
  )
    .map((r) => r.provider_event_id)
    .sort();

describe('ReceiptWriter', () => {
  it('commits concurrent receipts of several tenants, each event once, credited to one receipt', async () => {
    const [a, b] = [await subscription(), await subscription()];
    const writer = new ReceiptWriter(t.db, false);
    const sent = [
      ...Array.from({ length: 20 }, (_, i) => writer.store(a, [event(`a${i}`)])),
      ...Array.from({ length: 20 }, (_, i) => writer.store(b, [event(`b${i}`), event(`b${i}-2`)])),
      // A provider retrying while the first delivery is still being stored.
      writer.store(a, [event('a0')]),
    ];
    const counts = await Promise.all(sent);
    expect(counts.slice(0, 20).reduce((x, y) => x + y, 0) + (counts[40] ?? 0)).toBe(20);
    expect(counts.slice(20, 40)).toEqual(Array(20).fill(2));
    expect(await storedIds(a)).toHaveLength(20);
    expect(await storedIds(b)).toHaveLength(40);
  });

  it("fails only the receipt whose subscription is gone, never its batch's others", async () => {
    const [kept, gone] = [await subscription(), await subscription()];
    const sameTenant: HookSubscription = { ...kept, sub: { ...gone.sub } };
    await withTenant(t.db, gone.tenantId, (tx) => tx.deleteFrom('trigger_subscriptions').where('id', '=', gone.sub.id).execute());
    const writer = new ReceiptWriter(t.db, false);
    const results = await Promise.allSettled([
      writer.store(kept, [event('k1')]),
      // The deleted subscription's receipt shares the tenant, so the same transaction, with k1 and k2.
      writer.store(sameTenant, [event('g1')]),
      writer.store(kept, [event('k2')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refused = results[1];
    expect(refused?.status === 'rejected' && (refused.reason as { code?: string }).code).toBe('23503');
    expect(await storedIds(kept)).toEqual(['k1', 'k2']);
  });
});
