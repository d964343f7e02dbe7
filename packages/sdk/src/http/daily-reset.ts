/**
 * @module When a provider's daily quota comes back. Google resets API quotas at midnight Pacific
 * time (YouTube `quotaExceeded`, Gmail `dailyLimitExceeded`) and says so only in its docs, not in
 * a header, so the wait is computed from the clock in the provider's time zone, DST included.
 */

const DAY_MS = 24 * 3600 * 1000;

/** Milliseconds since local midnight of `at` in `timeZone`. */
function sinceMidnight(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + (at % 1000);
}

/**
 * Milliseconds from `now` until the next midnight in `timeZone` (an IANA name): a daily quota's
 * `retryAfterMs`. On the days clocks change, the day is 23 or 25 hours long, and so is the wait.
 *
 * @example
 * new ConnectorError('RATE_LIMITED', 'daily quota used up', { retryAfterMs: untilDailyReset('America/Los_Angeles') })
 */
export function untilDailyReset(timeZone: string, now: number = Date.now()): number {
  // A first guess as if the day were 24 hours long, then corrected by where that lands locally.
  let reset = now + DAY_MS - sinceMidnight(now, timeZone);
  const off = sinceMidnight(reset, timeZone);
  reset += off > DAY_MS / 2 ? DAY_MS - off : -off;
  return Math.max(1, reset - now);
}
