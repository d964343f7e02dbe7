import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { csrfGuard } from './csrf.ts';

const app = new Hono().use(csrfGuard('https://patchbay.example.com')).post('/trpc/x', (c) => c.text('done'));

const post = (headers: Record<string, string>) =>
  app.request('https://patchbay.example.com/trpc/x', {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('csrfGuard', () => {
  it('lets a same-origin call through: our Origin, or no Origin with the x-patchbay-csrf header', async () => {
    expect((await post({ origin: 'https://patchbay.example.com' })).status).toBe(200);
    expect((await post({ 'x-patchbay-csrf': '1' })).status).toBe(200);
  });

  it('refuses an empty x-patchbay-csrf value, as if the header were absent (I-5)', async () => {
    expect((await post({ 'x-patchbay-csrf': '' })).status).toBe(403);
    expect((await post({ 'x-patchbay-csrf': '   ' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
  });

  it('refuses another origin even with the header', async () => {
    expect((await post({ origin: 'https://evil.example', 'x-patchbay-csrf': '1' })).status).toBe(403);
  });
});
