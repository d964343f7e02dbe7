import { describe, expect, it } from 'vitest';
import { recordAttempt } from './run-record.ts';

const report = (url: string) => ({
  attempt: 1,
  method: 'POST',
  url,
  startedAt: new Date('2026-12-02T10:00:00.000Z'),
  endedAt: new Date('2026-12-02T10:00:00.250Z'),
  status: 200,
  outcome: 'ok' as const,
  errorCode: undefined,
});

describe('recordAttempt', () => {
  it('keeps an origin and path as they are', () => {
    expect(recordAttempt(1, report('https://api.example.com/v1/messages')).url).toBe('https://api.example.com/v1/messages');
  });

  it('drops a query, a fragment and user info, which can carry credentials', () => {
    for (const url of [
      'https://api.example.com/v1/messages?api_key=sk_live_1',
      'https://api.example.com/v1/messages#token=sk_live_1',
      'https://user:sk_live_1@api.example.com/v1/messages',
    ])
      expect(recordAttempt(1, report(url)).url, url).toBe('https://api.example.com/v1/messages');
  });

  it('cuts the query off a URL the parser refuses', () => {
    expect(recordAttempt(1, report('not a url?api_key=sk_live_1')).url).toBe('not a url');
  });
});
