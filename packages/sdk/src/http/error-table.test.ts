import { describe, expect, it, vi } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { mapErrorsFrom } from './error-table.ts';
import { waitFrom } from './error-waits.ts';

const acmeErrors = mapErrorsFrom({
  provider: 'Acme',
  code: ['error.code', 'code'],
  message: 'error.message',
  codes: {
    bad_token: 'AUTH_INVALID',
    expired: 'AUTH_EXPIRED',
    scope: 'FORBIDDEN_SCOPE',
    gone: 'NOT_FOUND',
    dup: 'CONFLICT',
    slow_down: 'RATE_LIMITED',
  },
  byStatus: { 403: 'FORBIDDEN_SCOPE', 422: 'INVALID_INPUT' },
  field: 'error.field',
  wait: [{ body: 'error.retry_in', as: 'seconds' }, { header: 'retry-after' }, { header: 'x-reset', as: 'epoch-seconds' }],
});
const at = (status: number, body: unknown, headers: Record<string, string> = {}) => acmeErrors({ status, headers, body });

describe('mapErrorsFrom', () => {
  it('maps provider codes (string or number) before the status', () => {
    expect(at(400, { error: { code: 'bad_token', message: 'no' } })).toMatchObject({
      code: 'AUTH_INVALID',
      providerCode: 'bad_token',
      status: 400,
    });
    expect(at(403, { code: 'gone' })?.code).toBe('NOT_FOUND');
    expect(at(400, { error: { code: 'expired' } })?.code).toBe('AUTH_EXPIRED');
    expect(at(409, { error: { code: 'dup' } })?.code).toBe('CONFLICT');
    const numeric = mapErrorsFrom({ provider: 'N', code: 'code', codes: { 50013: 'FORBIDDEN_SCOPE' } });
    expect(numeric({ status: 400, headers: {}, body: { code: 50013 } })).toMatchObject({ code: 'FORBIDDEN_SCOPE', providerCode: '50013' });
  });

  it('falls back to byStatus, then to the SDK default (undefined) when nothing matches', () => {
    expect(at(403, { error: { code: 'other' } })?.code).toBe('FORBIDDEN_SCOPE');
    expect(at(400, {})).toBeUndefined();
    expect(at(500, { error: { code: 'bad_token' } })).toBeUndefined();
    const strict = mapErrorsFrom({ provider: 'S', otherwise: 'INVALID_INPUT', statuses: { from: 400, to: 599 } });
    expect(strict({ status: 502, headers: {}, body: undefined })?.message).toBe('S refused: HTTP 502');
  });

  it('gives INVALID_INPUT the failing field path and builds a message from the provider text', () => {
    const error = at(422, { error: { code: 'invalid', message: 'Amount must be positive', field: 'amount' } });
    expect(error).toBeInstanceOf(ConnectorError);
    expect([error?.code, error?.path, error?.message]).toEqual([
      'INVALID_INPUT',
      'amount',
      'Acme refused: Amount must be positive (amount)',
    ]);
  });

  it('reads the rate-limit wait from each kind of source, in order', () => {
    expect(at(429, { error: { retry_in: 1.5 } }, { 'retry-after': '9' })?.retryAfterMs).toBe(1500);
    expect(at(429, {}, { 'retry-after': '9' })?.retryAfterMs).toBe(9000);
    const reset = Math.floor(Date.now() / 1000) + 30;
    const waited = at(400, { code: 'slow_down' }, { 'x-reset': String(reset) })?.retryAfterMs ?? 0;
    expect([waited > 25_000, waited <= 30_000]).toEqual([true, true]);
    expect(waitFrom([{ header: 'x-left', as: 'seconds' }], { 'x-left': '2.2' }, undefined)).toBe(2200);
    expect(waitFrom([{ body: 'wait_ms', as: 'ms' }], {}, { wait_ms: 750 })).toBe(750);
    expect(waitFrom([{ header: 'retry-after' }], {}, {})).toBeUndefined();
  });

  it('treats a declared rate-limit response as RATE_LIMITED whatever its status', () => {
    const table = mapErrorsFrom({ provider: 'G', rateLimited: (r) => r.headers['x-remaining'] === '0' });
    expect(table({ status: 403, headers: { 'x-remaining': '0', 'retry-after': '3' }, body: {} })).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterMs: 3000,
      message: 'G rate limit: HTTP 403',
    });
  });

  it('gives a daily quota the wait until midnight in the provider zone, whatever the status and Retry-After', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.parse('2026-12-02T04:00:00Z')); // 20:00 in Los Angeles
      const google = mapErrorsFrom({
        provider: 'Google',
        code: 'error.errors.0.reason',
        byStatus: { 403: 'FORBIDDEN_SCOPE' },
        dailyQuota: { codes: ['quotaExceeded'], timeZone: 'America/Los_Angeles' },
      });
      const quota = { error: { errors: [{ reason: 'quotaExceeded' }] } };
      expect(google({ status: 403, headers: { 'retry-after': '1' }, body: quota })).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterMs: 4 * 3600 * 1000,
        providerCode: 'quotaExceeded',
      });
      expect(google({ status: 403, headers: {}, body: { error: { errors: [{ reason: 'forbidden' }] } } })?.code).toBe('FORBIDDEN_SCOPE');
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads errors inside a 200 body (Slack ok:false) and leaves good bodies alone', () => {
    const slackLike = mapErrorsFrom({
      provider: 'Slack',
      statuses: false,
      failedBody: (body) => (body as { ok?: boolean }).ok === false,
      code: 'error',
      codes: { channel_not_found: 'NOT_FOUND' },
      otherwise: 'UPSTREAM',
    });
    expect(slackLike({ status: 200, headers: {}, body: { ok: false, error: 'channel_not_found' } })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Slack refused: channel_not_found',
    });
    expect(slackLike({ status: 200, headers: {}, body: { ok: true } })).toBeUndefined();
    expect(slackLike({ status: 404, headers: {}, body: { ok: true } })).toBeUndefined();
  });

  it('never copies a body into the message: only a located string, capped', () => {
    const secret = 'sk_live_verysecretvalue';
    const error = at(403, { error: { code: 'scope', message: { nested: secret } }, echo: secret });
    expect(error?.message).toBe('Acme refused: scope');
    const long = at(403, { error: { message: 'x'.repeat(5000) } });
    expect(long?.message.length).toBeLessThan(400);
  });
});
