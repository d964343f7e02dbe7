import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { requestId } from './request-id.ts';

const silent = createLogger('warn', new Writable({ write: (_chunk, _encoding, done) => done() }));

describe('requestId', () => {
  const app = new Hono()
    .use(requestId(silent))
    .get('/text', (c) => c.text('ok'))
    .get('/raw', () => new Response('{"a":1}', { status: 201, headers: { 'content-type': 'application/json' } }))
    // A redirect's headers are immutable by the fetch spec: the id is still echoed.
    .get('/immutable', () => Response.redirect('https://example.com/next', 302));

  it.each([
    ['/text', 200, 'ok'],
    ['/raw', 201, '{"a":1}'],
    ['/immutable', 302, ''],
  ])('echoes the id on %s and leaves status, headers and body as the handler made them', async (path, status, body) => {
    const res = await app.request(path, { headers: { 'x-request-id': 'req-7' } });
    expect(res.status).toBe(status);
    expect(res.headers.get('x-request-id')).toBe('req-7');
    expect(await res.text()).toBe(body);
    if (path === '/raw') expect(res.headers.get('content-type')).toBe('application/json');
    if (path === '/immutable') expect(res.headers.get('location')).toBe('https://example.com/next');
  });
});
