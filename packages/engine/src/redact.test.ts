import { describe, expect, it } from 'vitest';
import { REDACTED, redactForRecord } from './redact.ts';

describe('redactForRecord', () => {
  it('replaces values under secret-looking keys at any depth', () => {
    const input = { to: 'a@example.com', auth: { Access_Token: 'ya29.abc', 'api-key': 'sk_live_1' }, list: [{ password: 'hunter22' }] };
    expect(redactForRecord(input).value).toEqual({
      to: 'a@example.com',
      auth: { Access_Token: REDACTED, 'api-key': REDACTED },
      list: [{ password: REDACTED }],
    });
  });

  it('scrubs known credential values wherever they appear, even inside text', () => {
    const token = 'xoxb-1234-secret-bot-token';
    const out = redactForRecord({ text: `debug: token is ${token}!`, nested: [token] }, { secrets: [token] });
    expect(JSON.stringify(out.value)).not.toContain(token);
    expect(out.value).toEqual({ text: `debug: token is ${REDACTED}!`, nested: [REDACTED] });
  });

  it('caps the stored size and says it did', () => {
    const big = { body: 'x'.repeat(50_000) };
    const out = redactForRecord(big, { maxBytes: 1024 });
    expect(out.truncated).toBe(true);
    expect(out.bytes).toBeGreaterThan(50_000);
    expect(Buffer.byteLength(JSON.stringify(out.value))).toBeLessThanOrEqual(1024 + 64);
    expect(out.value).toMatchObject({ truncated: true, preview: expect.stringMatching(/^\{"body":"xxx/) });
  });

  it('leaves small, secret-free values as they are', () => {
    expect(redactForRecord({ ok: true, n: 3, list: [1, null] })).toEqual({
      value: { ok: true, n: 3, list: [1, null] },
      truncated: false,
      bytes: 33,
    });
  });
});
