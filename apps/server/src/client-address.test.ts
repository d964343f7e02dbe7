import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies } from './client-address.ts';
import { errorCode, HttpSession, ok } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

describe('clientAddress', () => {
  const proxies = parseTrustedProxies('10.0.0.0/8, 2001:db8::/32');

  it('is the socket peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', proxies)).toBe('203.0.113.5');
    expect(clientAddress('::ffff:203.0.113.5', undefined, proxies)).toBe('203.0.113.5');
    expect(clientAddress('203.0.113.5', '1.1.1.1', parseTrustedProxies(undefined))).toBe('203.0.113.5');
  });

  it('takes the right-most untrusted hop behind trusted proxies (IPv4 and IPv6)', () => {
    expect(clientAddress('10.1.2.3', '6.6.6.6, 198.51.100.1, 10.9.9.9', proxies)).toBe('198.51.100.1');
    expect(clientAddress('2001:db8::1', '[2001:db8::2]:443, 198.51.100.2', proxies)).toBe('198.51.100.2');
    expect(clientAddress('::ffff:10.0.0.1', '198.51.100.3:5555', proxies)).toBe('198.51.100.3');
  });

  it('stops at garbage, and at the last trusted hop when every hop is trusted', () => {
    expect(clientAddress('10.1.2.3', 'not-an-ip', proxies)).toBe('10.1.2.3');
    expect(clientAddress('10.1.2.3', '10.4.4.4', proxies)).toBe('10.4.4.4');
  });

  it('refuses a malformed list, naming the entry', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow('not a CIDR: 10.0.0.0/33');
    expect(() => parseTrustedProxies('proxy.internal')).toThrow('not a CIDR: proxy.internal');
  });
});

/** Ten wrong passwords for one email, each claiming a different forwarded address. */
async function guess(server: TestServer, email: string, forwardedFor: (i: number) => string): Promise<HttpSession> {
  for (let i = 0; i < 10; i++) {
    const reply = await new HttpSession(server.url).mutation(
      'auth.signIn',
      { email, password: 'not the password' },
      { 'x-forwarded-for': forwardedFor(i) },
    );
    expect(reply.status).toBe(401);
  }
  return new HttpSession(server.url);
}

describe('X-Forwarded-For and sign-in throttling (real sockets)', () => {
  let direct: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    direct = await startTestServer();
    proxied = await startTestServer({ edge: { trustedProxies: parseTrustedProxies('127.0.0.1/32') } });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  it('ignores X-Forwarded-For unless the socket peer is a trusted proxy', async () => {
    const email = 'xff@example.com';
    ok(await new HttpSession(direct.url).mutation('auth.signUp', { email, password: 'a long unusual phrase' }));
    await guess(direct, email, (i) => `198.51.100.${i}`);
    // A new forged address does not reset the count: the socket peer is the client.
    const locked = await new HttpSession(direct.url).mutation(
      'auth.signIn',
      { email, password: 'a long unusual phrase' },
      { 'x-forwarded-for': '203.0.113.99' },
    );
    expect(errorCode(locked)).toBe('TOO_MANY_REQUESTS');
    // Counted against the real socket peer, not a shared 'unknown' (the listener used to drop it).
    const buckets = await direct.db.selectFrom('throttle_counters').select('bucket').execute();
    expect(buckets.map((b) => b.bucket)).toContain(`sign-in:${email}|127.0.0.1`);
  });

  it('behind a trusted proxy, throttles per forwarded client', async () => {
    const email = 'proxied@example.com';
    ok(await new HttpSession(proxied.url).mutation('auth.signUp', { email, password: 'a long unusual phrase' }));
    await guess(proxied, email, () => '198.51.100.7');
    const sameClient = await new HttpSession(proxied.url).mutation(
      'auth.signIn',
      { email, password: 'a long unusual phrase' },
      { 'x-forwarded-for': '198.51.100.7' },
    );
    expect(errorCode(sameClient)).toBe('TOO_MANY_REQUESTS');
    // Another office behind the same load balancer is not locked out by the first.
    const otherClient = await new HttpSession(proxied.url).mutation(
      'auth.signIn',
      { email, password: 'a long unusual phrase' },
      { 'x-forwarded-for': '203.0.113.8' },
    );
    expect(otherClient.status).toBe(200);
  });
});
