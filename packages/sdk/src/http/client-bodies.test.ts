import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { createHttpClient } from './client.ts';
import { DEFAULT_RETRY } from './retry.ts';

let agent: MockAgent;
afterEach(() => agent.close());

function client(overrides: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  agent = new MockAgent();
  agent.disableNetConnect();
  return createHttpClient({
    baseUrls: ['https://files.example.com/api'],
    refreshable: false,
    dispatcher: agent,
    signal: new AbortController().signal,
    retry: { ...DEFAULT_RETRY, attempts: 2, sleep: async () => {} },
    ...overrides,
  });
}

describe('ctx.http bodies and limits', () => {
  it('sends multipart/form-data with the file and fields', async () => {
    const http = client();
    let seen: { contentType: string; body: string } | undefined;
    agent
      .get('https://files.example.com')
      .intercept({ method: 'POST', path: '/api/upload' })
      .reply((opts) => {
        const headers = opts.headers as Record<string, string>;
        seen = { contentType: headers['content-type'] ?? '', body: Buffer.from(opts.body as Uint8Array).toString('utf8') };
        return { statusCode: 200, data: '{"ok":true}', responseOptions: { headers: { 'content-type': 'application/json' } } };
      });
    const form = new FormData();
    form.append('title', 'report');
    form.append('file', new Blob(['hello,world'], { type: 'text/csv' }), 'report.csv');
    expect((await http.post('/upload', { multipart: form })).data).toEqual({ ok: true });
    expect(seen?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen?.body).toContain('name="file"; filename="report.csv"');
    expect(seen?.body).toContain('hello,world');
    expect(seen?.body).toContain('name="title"');
  });

  it('gives up on a slow answer as TIMEOUT, retrying it only when the request is safe to repeat', async () => {
    const http = client();
    agent.get('https://files.example.com').intercept({ method: 'GET', path: '/api/slow' }).reply(200, '{}').delay(500).times(2);
    agent.get('https://files.example.com').intercept({ method: 'POST', path: '/api/slow' }).reply(200, '{}').delay(500);
    const get = await http.get('/slow', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(get).toBeInstanceOf(ConnectorError);
    expect((get as ConnectorError).code).toBe('TIMEOUT');
    const post = await http.post('/slow', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect((post as ConnectorError).code).toBe('TIMEOUT');
    agent.assertNoPendingInterceptors();
  });

  it('puts API-key credentials where apply says, including the query string', async () => {
    const http = client({
      applyAuth: (target) => {
        target.query.set('key', 'k-123456');
      },
    });
    agent
      .get('https://files.example.com')
      .intercept({ method: 'GET', path: '/api/files?limit=2&key=k-123456' })
      .reply(200, '[]', { headers: { 'content-type': 'application/json' } });
    expect((await http.get('/files', { query: { limit: 2 } })).data).toEqual([]);
  });
});
