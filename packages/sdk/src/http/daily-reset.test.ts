import { describe, expect, it } from 'vitest';
import { untilDailyReset } from './daily-reset.ts';

const HOUR = 3600 * 1000;

describe('untilDailyReset', () => {
  it('counts to the next midnight in the given zone, not in UTC', () => {
    // 2026-12-02 04:00 UTC is 2026-12-01 20:00 in Los Angeles (PST, UTC-8): 4 hours to go.
    expect(untilDailyReset('America/Los_Angeles', Date.parse('2026-12-02T04:00:00Z'))).toBe(4 * HOUR);
    expect(untilDailyReset('UTC', Date.parse('2026-12-02T04:00:00Z'))).toBe(20 * HOUR);
  });

  it('follows daylight saving time (PDT is UTC-7)', () => {
    expect(untilDailyReset('America/Los_Angeles', Date.parse('2026-07-01T06:30:00Z'))).toBe(30 * 60 * 1000);
  });

  it('is a 23-hour day when the clocks go forward', () => {
    // 2026-03-08: Los Angeles goes from PST to PDT at 02:00; midnight to midnight is 23 hours.
    expect(untilDailyReset('America/Los_Angeles', Date.parse('2026-03-08T08:00:00Z'))).toBe(23 * HOUR);
  });

  it('never answers zero, even at midnight exactly', () => {
    expect(untilDailyReset('UTC', Date.parse('2026-12-02T00:00:00Z'))).toBe(24 * HOUR);
  });
});
