import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineAction, defineConnector, none, runAction } from '@patchbay/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseBaseUrlsEnv } from './base-url-overrides.ts';
import { createRegistry, RegistryError } from './registry.ts';

const status = z.object({ status: z.string() });
const acme = defineConnector({
  id: 'acme-crm',
  name: 'Acme CRM',
  version: '1.0.0',
  description: 'Declares a public host; the deployment points it at a local sandbox',
  auth: none(),
  baseUrls: ['https://api.acme-crm.example.com'],
  actions: {
    getStatus: defineAction({
      description: 'Status',
      input: z.object({}),
      output: status,
      run: async (_input, ctx) => (await ctx.http.get('/status', { schema: status })).data,
    }),
  },
});

let sandbox: ReturnType<typeof createServer>;
let sandboxUrl: string;
beforeAll(async () => {
  sandbox = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"sandbox"}'));
  await new Promise<void>((resolve) => sandbox.listen(0, '127.0.0.1', resolve));
  sandboxUrl = `http://127.0.0.1:${(sandbox.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => sandbox.close(resolve)));

describe('per-deployment base URLs', () => {
  it('calls the sandbox instead of the declared host, and only the sandbox', async () => {
    const registry = createRegistry({ connectors: [acme], baseUrls: { 'acme-crm': [sandboxUrl] } }, { production: false });
    const connector = registry.get('acme-crm');
    if (!connector) throw new Error('not installed');
    expect(connector.baseUrls).toEqual([sandboxUrl]);
    expect(registry.catalog()[0]?.baseUrls).toEqual([sandboxUrl]);
    // The declared connector is untouched: another deployment still calls the real host.
    expect(acme.baseUrls).toEqual(['https://api.acme-crm.example.com']);
    const output = await runAction(connector, 'getStatus', { input: {}, credentials: {} });
    expect(output).toEqual({ status: 'sandbox' });
  });

  it('refuses a private host in production, and names the connector', () => {
    expect(() => createRegistry({ connectors: [acme], baseUrls: { 'acme-crm': [sandboxUrl] } }, { production: true })).toThrow(
      new RegistryError(`baseUrls for "acme-crm": "${sandboxUrl}" is a private host, refused when NODE_ENV=production`),
    );
    for (const url of ['http://localhost:4010', 'http://10.0.0.5', 'http://[::1]:80', 'http://192.168.1.2']) {
      expect(() => createRegistry({ connectors: [acme], baseUrls: { 'acme-crm': [url] } }, { production: true })).toThrow(/private host/);
    }
    const publicSandbox = createRegistry(
      { connectors: [acme], baseUrls: { 'acme-crm': ['https://sandbox.acme-crm.example.com'] } },
      { production: true },
    );
    expect(publicSandbox.get('acme-crm')?.baseUrls).toEqual(['https://sandbox.acme-crm.example.com']);
  });

  it('refuses an unknown connector, a non-http URL and an empty list', () => {
    const refuse = (baseUrls: Record<string, string[]>) => () => createRegistry({ connectors: [acme], baseUrls }, { production: false });
    expect(refuse({ ghost: ['https://x.example'] })).toThrow('baseUrls names "ghost", which is not an installed connector');
    expect(refuse({ 'acme-crm': ['ftp://x.example'] })).toThrow('is not an http(s) URL');
    expect(refuse({ 'acme-crm': [] })).toThrow('baseUrls for "acme-crm" is empty');
  });

  it('reads PATCHBAY_BASE_URLS as id=url pairs', () => {
    expect(parseBaseUrlsEnv('acme-crm=http://127.0.0.1:4010, billing=https://a.example https://b.example')).toEqual({
      'acme-crm': ['http://127.0.0.1:4010'],
      billing: ['https://a.example', 'https://b.example'],
    });
    expect(parseBaseUrlsEnv(undefined)).toEqual({});
    expect(() => parseBaseUrlsEnv('acme-crm')).toThrow('PATCHBAY_BASE_URLS entry "acme-crm" is not id=url');
  });
});
