import { connectorFailure, createTestHarness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { GRAPHQL_PATH } from './api-version.ts';
import { shopify } from './index.ts';
import { throttleWaitMs } from './shopify-errors.ts';
import { harnessOptions, productNode, throttled } from './testing-fixtures.ts';

const page = { data: { products: { nodes: [productNode], pageInfo: { hasNextPage: false, endCursor: null } } } };
let h = createTestHarness(shopify, harnessOptions);
afterEach(async () => {
  await h.close();
  h = createTestHarness(shopify, harnessOptions);
});

describe('shopify errors', () => {
  it('THROTTLED in a 200 body waits (requested - available) / restoreRate, then the query is sent again', async () => {
    // 150 points asked, 50 left, 100 regained per second: one second.
    h.on('POST', GRAPHQL_PATH)
      .reply(200, throttled(150, 50, 100))
      .reply(200, page);
    const out = await h.run('listProducts', {});
    expect(out.products).toHaveLength(1);
    expect(h.sleeps).toEqual([1000]);
    expect(h.requests).toHaveLength(2);
  });

  it('a THROTTLED wait longer than the SDK holds a call fails at once as RATE_LIMITED with that wait', async () => {
    // 1000 points asked, none left, 50 per second (a Standard shop after a burst): 20 s.
    h.on('POST', GRAPHQL_PATH).reply(200, throttled(1000, 0, 50));
    const error = await connectorFailure(h.run('listProducts', {}));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', providerCode: 'THROTTLED', retryAfterMs: 20_000 });
    expect(h.requests).toHaveLength(1);
  });

  it('reads a missing or broken cost as one second, never less', () => {
    expect(throttleWaitMs({})).toBe(1000);
    expect(throttleWaitMs(throttled(10, 500, 100))).toBe(1000);
    expect(throttleWaitMs(throttled(1000, 100, 50))).toBe(18_000);
  });

  it('maps ACCESS_DENIED in a 200 body to FORBIDDEN_SCOPE', async () => {
    h.on('POST', GRAPHQL_PATH).reply(200, {
      errors: [
        {
          message: 'Access denied for products field. Required access: `read_products` access scope.',
          extensions: { code: 'ACCESS_DENIED' },
        },
      ],
    });
    expect(await connectorFailure(h.run('listProducts', {}))).toMatchObject({ code: 'FORBIDDEN_SCOPE', providerCode: 'ACCESS_DENIED' });
  });

  it('maps an invalid variable to INVALID_INPUT with the problem path', async () => {
    h.on('POST', GRAPHQL_PATH).reply(200, {
      errors: [
        {
          message: 'Variable $after of type String was provided invalid value',
          extensions: { value: 'x', problems: [{ path: ['after'], explanation: 'Invalid cursor' }] },
        },
      ],
    });
    expect(await connectorFailure(h.run('listProducts', { after: 'x' }))).toMatchObject({ code: 'INVALID_INPUT', path: 'after' });
  });

  it.each([
    [401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, 'AUTH_EXPIRED'],
    [402, { errors: 'Unavailable Shop' }, 'FORBIDDEN_SCOPE'],
    [403, { errors: 'User does not have access' }, 'FORBIDDEN_SCOPE'],
    [404, { errors: 'Not Found' }, 'NOT_FOUND'],
    [423, { errors: 'Locked' }, 'FORBIDDEN_SCOPE'],
    [500, { errors: 'Internal Server Error' }, 'UPSTREAM'],
  ] as const)('maps HTTP %i to %s', async (status, body, code) => {
    h.on('POST', GRAPHQL_PATH).always(status, body);
    const error = await connectorFailure(h.run('listProducts', {}));
    expect(error).toMatchObject({ code, status });
  });

  it('honours a fractional Retry-After on a 429', async () => {
    h.on('POST', GRAPHQL_PATH)
      .reply(429, { errors: 'Exceeded 2 calls per second for api client.' }, { 'retry-after': '2.0' })
      .reply(200, page);
    await h.run('listProducts', {});
    expect(h.sleeps).toEqual([2000]);
  });

  it('never sends a product create twice after a 5xx (Shopify may have made it)', async () => {
    h.on('POST', GRAPHQL_PATH).always(502, { errors: 'Bad Gateway' });
    expect(await connectorFailure(h.run('createProduct', { title: 'Mug' }))).toMatchObject({ code: 'UPSTREAM' });
    expect(h.requests).toHaveLength(1);
  });
});
