import { ConnectorError, defineConnector, oauth2, TokenResponseError } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import { hookFailure } from './oauth-hooks.ts';
import { refreshFailure } from './refresh-failure.ts';

const connector = defineConnector({
  id: 'hooked',
  name: 'Hooked',
  version: '1.0.0',
  description: 'custom refresh',
  auth: oauth2({ authorizationUrl: 'https://a.example/auth', tokenUrl: 'https://a.example/token', scopes: [] }),
  baseUrls: ['https://a.example'],
  actions: {},
});

describe('a custom hook failure, read like a token endpoint refusal', () => {
  it('takes the code a TokenResponseError names, so invalid_grant means needs_reauth', () => {
    const failure = refreshFailure(connector, hookFailure(new TokenResponseError('invalid_grant', { status: 400 })));
    expect([failure.status, failure.message]).toEqual([
      'needs_reauth',
      'The provider refused the refresh token (invalid_grant); authorize again',
    ]);
  });

  it('reads a refused token (401) as invalid_grant, an HTTP error by its status, a network failure as transient', () => {
    expect(hookFailure(new ConnectorError('AUTH_INVALID', 'x', { status: 401 }))).toMatchObject({ code: 'invalid_grant', status: 401 });
    expect(hookFailure(new ConnectorError('UPSTREAM', 'x', { status: 503 }))).toMatchObject({ code: 'bad_response', status: 503 });
    expect(refreshFailure(connector, hookFailure(new ConnectorError('UPSTREAM', 'reset'))).status).toBe('active');
    expect(hookFailure(new ConnectorError('TIMEOUT', 'x')).code).toBe('timeout');
  });

  it("never repeats what the hook's error said (it may hold a token or the client secret)", () => {
    for (const error of [new Error('bad token at-123'), new ConnectorError('HOST_NOT_ALLOWED', 'to at-123')]) {
      const failure = hookFailure(error);
      expect(failure.code).toBe('bad_response');
      expect(failure.message).not.toContain('at-123');
    }
  });
});
