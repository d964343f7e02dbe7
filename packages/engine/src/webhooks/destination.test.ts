import { describe, expect, it } from 'vitest';
import { isInternalAddress, refusedDestination } from './destination.ts';

describe('webhook destinations', () => {
  it('knows internal addresses: loopback, private, link-local (cloud metadata), unique-local, mapped', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isInternalAddress(address), address).toBe(false);
  });

  it('refuses URLs whose host is or resolves to an internal address', async () => {
    expect(await refusedDestination('http://127.0.0.1:8080/hook')).toBe('the webhook host resolves to an internal address');
    expect(await refusedDestination('http://[::1]/hook')).toBe('the webhook host resolves to an internal address');
    expect(await refusedDestination('http://localhost/hook')).toBe('the webhook host resolves to an internal address');
    expect(await refusedDestination('https://93.184.216.34/hook')).toBeUndefined();
  });
});
