import { describe, expect, it } from 'vitest';
import { ConnectorError } from './errors.ts';
import { createRedactingLogger, type LogEntry } from './logger.ts';
import { isSecretKey, REDACTED, redact, redactConnectorError, secretValues } from './redact.ts';

describe('one redaction rule', () => {
  it('treats keys ending like a secret as secret, whatever their case or separators (botToken too)', () => {
    for (const key of ['botToken', 'bot_token', 'x-api-key', 'clientSecret', 'Authorization', 'set-cookie', 'password', 'privateKey']) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['tokenType', 'maxTokens', 'passengerCount', 'secretName', 'nextPageToken', 'authorizationUrl']) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });

  it('logs and records agree: the SDK logger and redact scrub the same keys (REVIEW #11)', () => {
    const lines: LogEntry[] = [];
    createRedactingLogger([], (entry) => lines.push(entry)).info('hello', { botToken: 'xoxb-1234', channel: 'C1' });
    expect(lines[0]?.fields).toEqual(redact({ botToken: 'xoxb-1234', channel: 'C1' }, []));
    expect(lines[0]?.fields).toEqual({ botToken: REDACTED, channel: 'C1' });
  });

  it('scrubs credential values inside text, keys and arrays at any depth; leaves dates as text', () => {
    const key = 'sk_live_abcdef';
    const out = redact({ note: `key=${key}`, [key]: 1, list: [{ deep: [key] }], at: new Date(0) }, [key]);
    expect(JSON.stringify(out)).not.toContain(key);
    expect(out).toMatchObject({ note: `key=${REDACTED}`, list: [{ deep: [REDACTED] }], at: '1970-01-01T00:00:00.000Z' });
  });

  it('takes every credential value but the token type', () => {
    expect(secretValues({ accessToken: 'at-123456', refreshToken: 'rt-1234567', tokenType: 'Bearer', n: 'abc' })).toEqual([
      'rt-1234567',
      'at-123456',
    ]);
  });

  it('scrubs a ConnectorError in its message, providerCode and path, keeping its code and data (F4)', () => {
    const key = 'sk_live_abcdef';
    const error = new ConnectorError('INVALID_INPUT', `bad key ${key}`, {
      status: 400,
      providerCode: key,
      path: `a.${key}`,
      requestSent: true,
    });
    const clean = redactConnectorError(error, [key]);
    expect(JSON.stringify(clean.toJSON())).not.toContain(key);
    expect(clean).toMatchObject({ code: 'INVALID_INPUT', status: 400, providerCode: REDACTED, path: `a.${REDACTED}`, requestSent: true });
  });
});
