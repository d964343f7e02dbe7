import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiKey } from '../auth/define-auth.ts';
import { defineAction, defineConnector } from '../define.ts';
import { describeConnector } from '../describe.ts';
import { connectorFailure as failure } from '../testing/expect-error.ts';
import { createTestHarness, type Harness } from '../testing/harness.ts';

const ok = z.object({ id: z.string() });
const pay = defineConnector({
  id: 'pay',
  name: 'Pay',
  version: '1.0.0',
  description: 'idempotency header fixture',
  auth: apiKey({
    fields: z.object({ key: z.string() }),
    apply: (c, r) => {
      r.headers.authorization = `Bearer ${c.key}`;
    },
  }),
  baseUrls: ['https://api.pay.test'],
  idempotencyHeader: 'Idempotency-Key',
  actions: {
    charge: defineAction({
      description: 'one POST',
      input: z.object({}),
      output: ok,
      run: async (_i, ctx) => (await ctx.http.post('/charges', { json: { amount: 1 }, schema: ok })).data,
    }),
    chargeTwice: defineAction({
      description: 'two POSTs and a GET',
      input: z.object({}),
      output: ok,
      run: async (_i, ctx) => {
        await ctx.http.post('/charges', { json: { amount: 1 } });
        await ctx.http.get('/charges');
        await ctx.http.post('/charges', { json: { amount: 2 }, headers: { 'Idempotency-Key': 'mine' } });
        return (await ctx.http.post('/charges', { json: { amount: 3 }, schema: ok })).data;
      },
    }),
    unsafe: defineAction({
      description: 'opts out',
      input: z.object({}),
      output: ok,
      idempotencyHeader: false,
      run: async (_i, ctx) => (await ctx.http.post('/charges', { json: { amount: 1 }, schema: ok })).data,
    }),
  },
});

let h: Harness<typeof pay>;
const fresh = () => {
  h = createTestHarness(pay, { credentials: { key: 'sk-idem-0001' } });
  return h;
};
const keys = () => h.requests.map((r) => r.headers['idempotency-key']);

describe('idempotencyHeader', () => {
  afterEach(() => h.close());

  it('stamps the run’s key on a POST, which then is retried after a 502 with the same key', async () => {
    fresh().on('POST', '/charges').reply(502).reply(200, { id: 'ch_1' });
    expect(await h.run('charge', {}, { idempotencyKey: 'run:7' })).toEqual({ id: 'ch_1' });
    expect(keys()).toEqual(['run:7', 'run:7']);
  });

  it('makes a key for the run when the caller gave none, the same on every retry', async () => {
    fresh().on('POST', '/charges').reply(503).reply(200, { id: 'ch_1' });
    await h.run('charge', {});
    const [first, second] = keys();
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it('numbers later writes of one run, leaves reads alone and keeps a key the request set itself', async () => {
    fresh().on('POST', '/charges').always(200, { id: 'ch_1' });
    h.on('GET', '/charges').reply(200, []);
    await h.run('chargeTwice', {}, { idempotencyKey: 'k' });
    expect(keys()).toEqual(['k', undefined, 'mine', 'k:2']);
  });

  it('an action can opt out: no header, and a POST is not retried after a 502', async () => {
    fresh().on('POST', '/charges').always(502);
    expect((await failure(h.run('unsafe', {}, { idempotencyKey: 'k' }))).code).toBe('UPSTREAM');
    expect(keys()).toEqual([undefined]);
  });
});

describe('describeConnector and idempotencyHeader', () => {
  it('names the header per action, so a runner knows which actions are safe to run again', () => {
    const actions = describeConnector(pay).actions;
    expect(actions.map((a) => [a.name, a.idempotencyHeader])).toEqual([
      ['charge', 'Idempotency-Key'],
      ['chargeTwice', 'Idempotency-Key'],
      ['unsafe', undefined],
    ]);
  });
});
