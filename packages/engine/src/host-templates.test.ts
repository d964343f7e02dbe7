/**
 * Templated hosts at the registry: a placeholder without a declared host pattern stops the
 * server at startup, and a base-URL override still replaces a templated connector's hosts.
 */
import { defineAction, defineConnector, none, runAction } from '@patchbay/sdk';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, RegistryError } from './registry.ts';

const where = defineAction({
  description: 'Which host answered',
  input: z.object({}),
  output: z.object({ host: z.string() }),
  run: async (_input, ctx) => (await ctx.http.get('/where', { schema: z.object({ host: z.string() }) })).data,
});

const shop = (hostPatterns: Record<string, RegExp> | undefined, baseUrl = 'https://{shop}.myshopify.com') =>
  defineConnector({
    id: 'shop',
    name: 'Shop',
    version: '1.0.0',
    description: 'templated',
    auth: none(),
    connectionParams: z.object({ shop: z.string() }),
    ...(hostPatterns ? { hostPatterns } : {}),
    baseUrls: [baseUrl],
    actions: { where },
  });

describe('templated hosts in the registry', () => {
  it('refuses at startup a placeholder with no host pattern, one outside the host, one not in connectionParams', () => {
    expect(() => createRegistry({ connectors: [shop(undefined)] })).toThrow(RegistryError);
    expect(() => createRegistry({ connectors: [shop(undefined)] })).toThrow(/connector "shop": .*\{shop\} has no host pattern/);
    expect(() => createRegistry({ connectors: [shop({ shop: /x/ }, 'https://api.example.com/{shop}')] })).toThrow(/only appear in the host/);
    expect(() => createRegistry({ connectors: [shop({ store: /x/ }, 'https://{store}.example.com')] })).toThrow(/not one of connectionParams/);
    expect(createRegistry({ connectors: [shop({ shop: /^[a-z0-9-]+\.myshopify\.com$/ })] }).get('shop')).toBeDefined();
  });

  it('a base-URL override sends every shop to the operator-named host', async () => {
    const registry = createRegistry({
      connectors: [shop({ shop: /^[a-z0-9-]+\.myshopify\.com$/ })],
      baseUrls: { shop: ['https://sandbox.example.net'] },
    });
    const connector = registry.get('shop');
    if (!connector) throw new Error('not installed');
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://sandbox.example.net').intercept({ path: '/where' }).reply(200, { host: 'sandbox' }, { headers: { 'content-type': 'application/json' } });
    const out = await runAction(connector, 'where', {
      input: {},
      credentials: {},
      connection: { metadata: { params: { shop: 'acme' } } },
      dispatcher: agent,
    });
    expect(out).toEqual({ host: 'sandbox' });
    await agent.close();
  });
});
