import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressAgent } from './egress-agent.ts';
import { privateEgressAllowed } from './egress-policy.ts';
import { isInternalAddress } from './internal-address.ts';
import { EgressRefusedError, egressRefusal, type LookupFunction, resolveVetted } from './vetted-lookup.ts';

/** A resolver we control: answers the given lists in turn (the last one repeats). */
function answers(...lists: string[][]): LookupFunction & { calls: number } {
  const fn = Object.assign(
    ((_host, _options, callback) => {
      const list = lists[Math.min(fn.calls, lists.length - 1)] as string[];
      fn.calls++;
      callback(
        null,
        list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    }) as LookupFunction,
    { calls: 0 },
  );
  return fn;
}

describe('internal addresses', () => {
  it('covers loopback, private, CGNAT, link-local, metadata, unique-local, unspecified and mapped forms', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '::',
      '::1',
      '[::1]',
      'fd00:ec2::254',
      'fc00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:169.254.169.254',
      '::127.0.0.1',
      'not-an-ip',
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isInternalAddress(address), address).toBe(false);
  });

  it('production refuses them, development allows them, the override wins', () => {
    expect(privateEgressAllowed({ NODE_ENV: 'production' })).toBe(false);
    expect(privateEgressAllowed({ NODE_ENV: 'development' })).toBe(true);
    expect(privateEgressAllowed({ NODE_ENV: 'production', PATCHBAY_EGRESS_ALLOW_PRIVATE: 'true' })).toBe(true);
    expect(privateEgressAllowed({ PATCHBAY_EGRESS_ALLOW_PRIVATE: 'false' })).toBe(false);
  });
});

describe('resolveVetted', () => {
  it('refuses an answer with any internal address, and literal internal IPs', async () => {
    await expect(resolveVetted('mixed.test', { lookup: answers(['93.184.216.34', '10.0.0.1']) })).rejects.toThrow(EgressRefusedError);
    await expect(resolveVetted('127.0.0.1')).rejects.toMatchObject({ code: 'EGRESS_INTERNAL' });
    await expect(resolveVetted('nowhere.test', { lookup: answers([]) })).rejects.toMatchObject({ code: 'EGRESS_UNRESOLVED' });
    expect(await resolveVetted('public.test', { lookup: answers(['93.184.216.34']) })).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(await resolveVetted('127.0.0.1', { allowPrivate: true })).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});

describe('createEgressAgent', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('connects to the address its own lookup vetted: a name that rebinds to loopback is refused', async () => {
    // The first answer is public (what an earlier check would have seen), the next is loopback.
    const lookup = answers(['93.184.216.34'], ['127.0.0.1']);
    lookup('rebind.test', { all: true }, () => {});
    const agent = createEgressAgent({ lookup });
    const before = hits;
    const error = await request(`http://rebind.test:${port}/`, { dispatcher: agent }).catch((e: unknown) => e);
    expect(egressRefusal(error)?.code).toBe('EGRESS_INTERNAL');
    expect(hits).toBe(before);
    await expect(request(`http://127.0.0.1:${port}/`, { dispatcher: agent })).rejects.toThrow(EgressRefusedError);
    await expect(request(`http://[::ffff:127.0.0.1]:${port}/`, { dispatcher: agent })).rejects.toThrow(EgressRefusedError);
    await agent.close();
  });

  it('with allowPrivate it connects to the resolved address', async () => {
    const agent = createEgressAgent({ allowPrivate: true, lookup: answers(['127.0.0.1']) });
    const response = await request(`http://dev.test:${port}/`, { dispatcher: agent });
    expect(await response.body.text()).toBe('ok');
    await agent.close();
  });
});
