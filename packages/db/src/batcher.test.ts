import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.ts';

describe('Batcher', () => {
  it('loads keys asked for together in one call, once per distinct key, each caller getting its own value', async () => {
    const calls: string[][] = [];
    const batcher = new Batcher<string, number>(async (keys) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.length]));
    });
    const results = await Promise.all(['a', 'bb', 'a', 'missing', 'ccc'].map((k) => batcher.load(k)));
    expect(results).toEqual([1, 2, 1, undefined, 3]);
    expect(calls).toEqual([['a', 'bb', 'missing', 'ccc']]);
  });

  it('keys that arrive while a load is in flight go together in the next load', async () => {
    const calls: string[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batcher = new Batcher<string, string>(async (keys) => {
      calls.push(keys);
      if (calls.length === 1) await gate;
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const first = batcher.load('x');
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.load('y'), batcher.load('z')];
    release();
    expect(await Promise.all([first, ...later])).toEqual(['X', 'Y', 'Z']);
    expect(calls).toEqual([['x'], ['y', 'z']]);
  });

  it('a failed load rejects every caller of that batch, and the next batch starts clean', async () => {
    let fail = true;
    const batcher = new Batcher<string, string>(async (keys) => {
      if (fail) throw new Error('database down');
      return new Map(keys.map((k) => [k, k]));
    });
    const failed = await Promise.allSettled([batcher.load('a'), batcher.load('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.load('c')).toBe('c');
  });
});
