import { afterEach, describe, expect, it } from 'vitest';
import { acme } from '../__fixtures__/acme.ts';
import { connectorFailure as failure } from '../testing/expect-error.ts';
import { createTestHarness, type Harness } from '../testing/harness.ts';

let h: Harness<typeof acme>;
const TOKEN = 'at-1234567890-secret';
const ticket = { id: 't1', title: 'Broken' };
const fresh = () => {
  h = createTestHarness(acme, { credentials: { accessToken: TOKEN } });
  return h;
};
afterEach(() => h.close());

describe('ctx.http requests', () => {
  it('sends JSON with the bearer token to the base URL path, and the idempotency key the action passes on', async () => {
    fresh().on('POST', '/tickets').reply(201, ticket);
    expect(await h.run('createTicket', { title: 'Broken' }, { idempotencyKey: 'idem-1' })).toEqual(ticket);
    const [req] = h.requests;
    expect(req?.url).toBe('https://api.acme.test/v1/tickets');
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers['idempotency-key']).toBe('idem-1');
    expect(req?.json()).toEqual({ title: 'Broken', priority: 3 });
  });

  it('form-encodes nested objects and arrays with brackets', async () => {
    fresh().on('POST', '/charges').reply(200, { ok: true });
    await h.run('chargeForm', { amount: 500, metadata: { order: '42' }, items: [{ price: 'p_1' }] });
    expect(h.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(h.requests[0]?.body).toBe('amount=500&metadata%5Border%5D=42&items%5B0%5D%5Bprice%5D=p_1');
  });

  it('walks cursor pages', async () => {
    fresh()
      .on('GET', '/tickets')
      .reply(200, { items: [ticket], next: 'c2' });
    h.on('GET', '/tickets?cursor=c2').reply(200, { items: [{ id: 't2', title: 'Two' }] });
    expect((await h.run('listTickets', {})).tickets.map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('harness fixtures with a query match it regardless of parameter order (bug: exact string match)', async () => {
    fresh().on('GET', 'https://uploads.acme.test/files?b=2&a=1').reply(200, { found: true });
    expect(await h.run('fetchUrl', { url: 'https://uploads.acme.test/files?a=1&b=2' })).toEqual({ found: true });
  });

  it('validates a JSON response against its schema: a mismatch is UPSTREAM_CONTRACT with the path', async () => {
    fresh().on('GET', '/tickets/t1').reply(200, { id: 't1', title: 42 });
    const error = await failure(h.run('getTicket', { id: 't1' }));
    expect(error.code).toBe('UPSTREAM_CONTRACT');
    expect(error.path).toBe('title');
  });
});

describe('retries', () => {
  it('503 with Retry-After, twice, then 200 succeeds on the third attempt (the provider did not take the POST)', async () => {
    const later = { 'retry-after': '0' };
    fresh().on('POST', '/tickets').reply(503, '', later).reply(503, '', later).reply(201, ticket);
    expect(await h.run('createTicket', { title: 'x' })).toEqual(ticket);
    expect(h.requests).toHaveLength(3);
    expect(h.attempts.map((a) => [a.attempt, a.status, a.outcome])).toEqual([
      [1, 503, 'error'],
      [2, 503, 'error'],
      [3, 201, 'ok'],
    ]);
    expect(h.sleeps).toHaveLength(2);
  });

  it('honours Retry-After', async () => {
    fresh().on('POST', '/tickets').reply(429, { error: 'slow_down' }, { 'retry-after': '7' }).reply(201, ticket);
    await h.run('createTicket', { title: 'x' });
    expect(h.sleeps).toHaveLength(1);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(7000);
    expect(h.sleeps[0]).toBeLessThan(8000);
  });

  it('a Retry-After longer than the cap is not waited: RATE_LIMITED at once with retryAfterMs', async () => {
    fresh().on('POST', '/tickets').reply(429, {}, { 'retry-after': '3600' }).reply(201, ticket);
    const error = await failure(h.run('createTicket', { title: 'x' }));
    expect([error.code, error.retryAfterMs]).toEqual(['RATE_LIMITED', 3_600_000]);
    expect(h.sleeps).toEqual([]);
  });

  it('gives up as RATE_LIMITED, with retryAfterMs, when 429s persist', async () => {
    fresh().on('POST', '/tickets').always(429, { error: 'rate_limited' }, { 'retry-after': '1' });
    const error = await failure(h.run('createTicket', { title: 'x' }));
    expect([error.code, error.retryAfterMs, error.providerCode]).toEqual(['RATE_LIMITED', 1000, 'rate_limited']);
    expect(h.requests).toHaveLength(3);
  });

  it('never retries a 400', async () => {
    fresh()
      .on('POST', '/tickets')
      .always(400, { error: { code: 'title_too_long' } });
    const error = await failure(h.run('createTicket', { title: 'x' }));
    expect([error.code, error.status, error.providerCode]).toEqual(['INVALID_INPUT', 400, 'title_too_long']);
    expect(h.requests).toHaveLength(1);
  });

  it('retries a 500 only when the request is safe to repeat', async () => {
    fresh().on('POST', '/tickets').always(500);
    expect((await failure(h.run('createTicket', { title: 'x' }))).code).toBe('UPSTREAM');
    expect(h.requests).toHaveLength(1);
    await h.close();
    fresh().on('GET', '/tickets/t1').reply(500).reply(200, ticket);
    expect(await h.run('getTicket', { id: 't1' })).toEqual(ticket);
    expect(h.requests).toHaveLength(2);
  });

  it('turns a 401 into AUTH_EXPIRED for OAuth connections, without retrying', async () => {
    fresh().on('GET', '/tickets/t1').always(401);
    expect((await failure(h.run('getTicket', { id: 't1' }))).code).toBe('AUTH_EXPIRED');
    expect(h.requests).toHaveLength(1);
  });
});

describe('host guard', () => {
  it('refuses a host outside baseUrls before sending anything', async () => {
    fresh();
    expect((await failure(h.run('fetchUrl', { url: 'https://evil.example/steal' }))).code).toBe('HOST_NOT_ALLOWED');
    expect(h.requests).toEqual([]);
  });

  it('refuses a redirect to a host outside baseUrls, and follows one within them', async () => {
    fresh().on('GET', '/tickets/t1').reply(302, '', { location: 'https://evil.example/x' });
    expect((await failure(h.run('getTicket', { id: 't1' }))).code).toBe('HOST_NOT_ALLOWED');
    expect(h.requests).toHaveLength(1);
    await h.close();
    fresh().on('GET', '/tickets/t1').reply(302, '', { location: 'https://uploads.acme.test/t1.json' });
    h.on('GET', 'https://uploads.acme.test/t1.json').reply(200, ticket);
    expect(await h.run('getTicket', { id: 't1' })).toEqual(ticket);
  });
});
