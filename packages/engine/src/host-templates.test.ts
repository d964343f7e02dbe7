/**
 * Templated hosts at the registry: a placeholder without a declared host pattern stops the
 * server at startup, a base-URL override still replaces a templated connector's hosts, and
 * templated hosts go through the egress guard (a shop name that resolves to a private address is
 * refused in production, before a byte is sent).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEgressAgent, defineAction, defineConnector, type LookupFunction, none, runAction } from '@patchbay/sdk';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dispatcherFor } from './connections/connector-dispatcher.ts';
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
    expect(() => createRegistry({ connectors: [shop({ shop: /x/ }, 'https://api.example.com/{shop}')] })).toThrow(
      /only appear in the host/,
    );
    expect(() => createRegistry({ connectors: [shop({ store: /x/ }, 'https://{store}.example.com')] })).toThrow(
      /not one of connectionParams/,
    );
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
    agent
      .get('https://sandbox.example.net')
      .intercept({ path: '/where' })
      .reply(200, { host: 'sandbox' }, { headers: { 'content-type': 'application/json' } });
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

describe('templated hosts and the egress guard', () => {
  const SHOP = { shop: /^[a-z0-9-]+\.myshopify\.com$/ };
  // A shop whose name resolves to loopback: a DNS answer an attacker controls would look like this.
  const toLoopback: LookupFunction = (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]);

  it('templated connectors get the host dispatcher, others the engine one', () => {
    const host = new MockAgent();
    const plain = new MockAgent();
    expect(dispatcherFor({ dispatcher: plain, hostDispatcher: host }, shop(SHOP)).dispatcher).toBe(host);
    expect(dispatcherFor({ dispatcher: plain, hostDispatcher: host }, shop(SHOP, 'https://api.example.com')).dispatcher).toBe(plain);
  });

  it('refuses a private address for a templated host when private egress is not allowed, and no request arrives', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ host: 'local' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const connector = shop(SHOP, `http://{shop}.myshopify.com:${port}`);
    const call = (allowPrivate: boolean) =>
      runAction(connector, 'where', {
        input: {},
        credentials: {},
        connection: { metadata: { params: { shop: 'acme' } } },
        dispatcher: createEgressAgent({ allowPrivate, lookup: toLoopback }),
        retry: { attempts: 1 },
      });
    try {
      await expect(call(false)).rejects.toMatchObject({ code: 'UPSTREAM' });
      expect(hits).toBe(0);
      expect(await call(true)).toEqual({ host: 'local' });
      expect(hits).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
