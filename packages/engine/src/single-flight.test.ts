import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight.ts';

describe('SingleFlight', () => {
  it('runs the work once for concurrent callers of one key and shares the result', async () => {
    const flight = new SingleFlight<string>();
    let runs = 0;
    let release: (v: string) => void = () => {};
    const work = () => {
      runs++;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const callers = Array.from({ length: 100 }, () => flight.run('conn-1', work));
    release('fresh-token');
    expect(await Promise.all(callers)).toEqual(Array(100).fill('fresh-token'));
    expect(runs).toBe(1);
    expect(flight.size).toBe(0);
  });

  it('keeps keys apart, and runs again once the previous flight has landed', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    const work = async () => ++runs;
    await Promise.all([flight.run('a', work), flight.run('b', work)]);
    expect(runs).toBe(2);
    await flight.run('a', work);
    expect(runs).toBe(3);
  });

  it('shares a failure with every waiter and forgets it', async () => {
    const flight = new SingleFlight<number>();
    const failing = () => Promise.reject(new Error('invalid_grant'));
    const results = await Promise.allSettled([flight.run('a', failing), flight.run('a', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(flight.run('a', async () => 7)).resolves.toBe(7);
  });
});
