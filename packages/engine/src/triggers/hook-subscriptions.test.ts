import { describe, expect, it } from 'vitest';
import { type HookSubscription, HookSubscriptions } from './hook-subscriptions.ts';

const entry = (id: string): HookSubscription => ({
  tenantId: '00000000-0000-4000-8000-000000000001',
  sub: { id, connection_id: 'c', connector_id: 'stripe', trigger: 'event', config: {} },
  trigger: { kind: 'webhook' } as HookSubscription['trigger'],
  secret: 'whsec_x',
});

describe('HookSubscriptions', () => {
  it('serves an entry for its max age only, and not after an eviction', () => {
    const cache = new HookSubscriptions(1000);
    cache.set(entry('a'), 0);
    expect(cache.get('a', 999)?.sub.id).toBe('a');
    expect(cache.get('a', 1000)).toBeUndefined();
    cache.set(entry('b'), 0);
    cache.delete('b');
    expect(cache.get('b', 1)).toBeUndefined();
  });

  it('keeps nothing with a max age of zero', () => {
    const cache = new HookSubscriptions(0);
    cache.set(entry('a'), 0);
    expect(cache.get('a', 0)).toBeUndefined();
  });

  it('drops the oldest entry past ten thousand', () => {
    const cache = new HookSubscriptions(60_000);
    for (let i = 0; i <= 10_000; i++) cache.set(entry(`s${i}`), 0);
    expect(cache.get('s0', 1)).toBeUndefined();
    expect(cache.get('s1', 1)?.sub.id).toBe('s1');
    expect(cache.get('s10000', 1)?.sub.id).toBe('s10000');
  });
});
