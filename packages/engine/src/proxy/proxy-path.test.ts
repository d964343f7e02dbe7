import { ConnectorError } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import { proxiedUrl } from './proxy-path.ts';

const refused = (path: string) => {
  try {
    proxiedUrl('https://api.example.com/v1', path, '');
  } catch (error) {
    return error instanceof ConnectorError && error.code === 'INVALID_INPUT';
  }
  return false;
};

describe('proxiedUrl', () => {
  it('resolves a path (and its query) under the base URL path', () => {
    expect(proxiedUrl('https://api.example.com/v1', '/customers/cus_1', '?limit=3').href).toBe(
      'https://api.example.com/v1/customers/cus_1?limit=3',
    );
    expect(proxiedUrl('https://api.example.com/', '/user', '').href).toBe('https://api.example.com/user');
  });

  it('refuses absolute, protocol-relative and escaping paths, plain or percent-encoded', () => {
    for (const path of [
      'https://evil.example/x',
      '/https://evil.example/x',
      '//evil.example/x',
      '/../admin',
      '/customers/../../admin',
      '/%2e%2e/admin',
      '/%2E%2E%2Fadmin',
      '/./x',
      '/\\evil.example',
      'customers',
      '/%zz',
    ]) {
      expect(refused(path), path).toBe(true);
    }
  });
});
