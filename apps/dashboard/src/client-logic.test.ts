import { describe, expect, it } from 'vitest';
import { errorText } from './run-error.ts';
import { formatDuration, localInputToIso } from './time.ts';

describe('run errors as one line', () => {
  it('joins code and message, falls back to JSON, and prints primitives', () => {
    expect(errorText({ code: 'RATE_LIMITED', message: 'Slow down', retryAfterMs: 1000 })).toBe('RATE_LIMITED: Slow down');
    expect(errorText({ message: 'Only a message' })).toBe('Only a message');
    expect(errorText({ status: 500 })).toBe('{"status":500}');
    expect(errorText('boom')).toBe('boom');
  });
});

describe('durations and time inputs', () => {
  it('shows milliseconds below a second and seconds above', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(1500)).toBe('1.50 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
  });

  it('reads a datetime-local value in the local zone as an ISO instant, empty or invalid as none', () => {
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('not a date')).toBeUndefined();
    const iso = localInputToIso('2026-12-02T10:30');
    expect(iso).toBe(new Date(2026, 11, 2, 10, 30).toISOString());
  });
});
