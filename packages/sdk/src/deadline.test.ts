import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDeadline } from './deadline.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('startDeadline', () => {
  it('aborts with its own reason when the timer fires, and says it timed out', () => {
    vi.useFakeTimers();
    const onTimeout = vi.fn();
    const deadline = startDeadline(1_000, undefined, { reason: () => new Error('too slow'), onTimeout });
    vi.advanceTimersByTime(999);
    expect([deadline.signal.aborted, deadline.timedOut, onTimeout.mock.calls.length]).toEqual([false, false, 0]);
    vi.advanceTimersByTime(1);
    expect([deadline.signal.aborted, deadline.timedOut, onTimeout.mock.calls.length]).toEqual([true, true, 1]);
    expect((deadline.signal.reason as Error).message).toBe('too slow');
  });

  it("aborts with the outer signal's reason when the caller aborts, without timing out", () => {
    const outer = new AbortController();
    const deadline = startDeadline(60_000, outer.signal);
    outer.abort('hung up');
    expect([deadline.signal.aborted, deadline.signal.reason, deadline.timedOut]).toEqual([true, 'hung up', false]);
    deadline.end();
  });

  it('starts aborted when the outer signal already is', () => {
    const deadline = startDeadline(60_000, AbortSignal.abort('gone'));
    expect([deadline.signal.aborted, deadline.signal.reason]).toEqual([true, 'gone']);
    deadline.end();
  });

  it('follows neither the timer nor the caller once ended', () => {
    vi.useFakeTimers();
    const outer = new AbortController();
    const deadline = startDeadline(1_000, outer.signal);
    deadline.end();
    outer.abort('late');
    vi.advanceTimersByTime(5_000);
    expect([deadline.signal.aborted, deadline.timedOut]).toEqual([false, false]);
  });

  it('keeps timedOut on the prototype, not as an accessor of each deadline', () => {
    // An object literal's own getter costs an accessor pair per call in V8's old generation,
    // which held each call's objects until a full collection (docs/perf/s3-profile-after.md).
    const deadline = startDeadline(1_000, undefined, { unref: true });
    expect(Object.getOwnPropertyDescriptor(deadline, 'timedOut')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(deadline, 'signal')).toBeUndefined();
    deadline.end();
  });
});
