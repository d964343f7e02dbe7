import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { shopify } from './index.ts';

testConnector(shopify, {
  credentials: { apiKey: 'test-api-key-123' },
  fixtures: {
    getStatus: {
      input: {},
      setup: (h) => h.on('GET', '/status').reply(200, { status: 'ok' }),
      check: (output, h) => {
        expect(output).toEqual({ status: 'ok' });
        expect(h.requests[0]?.headers['x-api-key']).toBe('test-api-key-123');
      },
    },
  },
});
