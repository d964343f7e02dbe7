import { describe, expect, it } from 'vitest';
import { documentedBlocks } from './__fixtures__/doc-blocks.ts';
import { facebookPages, shopify } from './__fixtures__/params-examples.ts';
import { parseConnectionParams } from './params/connection-params.ts';
import { createTestHarness } from './testing/harness.ts';

describe('docs/connector-authoring.md: connection parameters and choosing an account', () => {
  it('every marked block is in the type-checked examples file, as written', async () => {
    const { blocks, examples } = await documentedBlocks('params-examples.ts');
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) expect(examples).toContain(block);
  });

  it('the Shopify example calls the shop its params name, and only that host', async () => {
    const h = createTestHarness(shopify, { credentials: { accessToken: 'shpat_test_token' }, connection: { params: { shop: 'acme' } } });
    try {
      h.on('GET', '/admin/api/2026-10/shop.json').reply(200, { shop: { name: 'Acme Bikes' } });
      expect(await h.run('shopName', {})).toEqual({ shop: 'acme', name: 'Acme Bikes' });
      expect(h.requests.map((r) => r.url)).toEqual(['https://acme.myshopify.com/admin/api/2026-10/shop.json']);
    } finally {
      await h.close();
    }
    expect(() => parseConnectionParams(shopify, { shop: 'acme.myshopify.com.evil.com' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: 'params.shop' }),
    );
  });

  it('a stored shop that does not give an allowed host fails with HOST_NOT_ALLOWED before any request', async () => {
    const h = createTestHarness(shopify, {
      credentials: { accessToken: 'shpat_test_token' },
      connection: { params: { shop: 'evil.com#' } },
    });
    try {
      await expect(h.run('shopName', {})).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED', path: 'params.shop' });
      expect(h.requests).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('the Pages example lists Pages with their tokens, and posts with the chosen Page token', async () => {
    const h = createTestHarness(facebookPages, {
      credentials: { accessToken: 'user-token-123', account: { accessToken: 'page-token-p2' } },
      connection: { account: { id: 'p2', name: 'Bike shop' } },
    });
    try {
      h.on('GET', '/v25.0/me/accounts').reply(200, { data: [{ id: 'p2', name: 'Bike shop', access_token: 'page-token-p2' }] });
      h.on('POST', '/v25.0/p2/feed').reply(200, { id: 'p2_1' });
      expect(await h.discover()).toEqual([{ id: 'p2', name: 'Bike shop', credentials: { accessToken: 'page-token-p2' } }]);
      expect(await h.run('publishPost', { message: 'New bikes' })).toEqual({ id: 'p2_1' });
      expect(h.requests.map((r) => r.headers.authorization)).toEqual(['Bearer user-token-123', 'Bearer page-token-p2']);
    } finally {
      await h.close();
    }
  });
});
