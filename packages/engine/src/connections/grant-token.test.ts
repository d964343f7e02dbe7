import { OAuthError } from '@patchbay/auth';
import {
  type ClientCredentialsServer,
  type FakeJwtBearerEndpoint,
  generateServiceAccountKey,
  startClientCredentialsServer,
  startFakeJwtBearerEndpoint,
} from '@patchbay/auth/testing';
import { startTogether } from '@patchbay/db/testing';
import { clientCredentials, jwtBearer } from '@patchbay/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantCreateError, grantFailure } from './grant-failure.ts';
import { fetchGrantToken } from './grant-token.ts';

let cc: ClientCredentialsServer;
let jwt: FakeJwtBearerEndpoint;
beforeAll(async () => {
  [cc, jwt] = await startTogether([startClientCredentialsServer(), startFakeJwtBearerEndpoint()]);
  cc.register('tenant-client', 'tenant-secret-0001');
});
afterAll(async () => {
  await Promise.all([cc?.stop(), jwt?.stop()]);
});

describe('fetchGrantToken: client credentials', () => {
  it('asks for the descriptor scopes with the tenant client, plus tokenParams', async () => {
    const auth = clientCredentials({ tokenUrl: cc.tokenUrl, scopes: ['read', 'write'], clientAuth: 'body' });
    const tokens = await fetchGrantToken(auth, { clientId: 'tenant-client', clientSecret: 'tenant-secret-0001' });
    expect(cc.issued.has(tokens.accessToken)).toBe(true);
    expect(cc.requests.at(-1)).toEqual({ clientId: 'tenant-client', via: 'body', scope: 'read write', granted: true });
  });
});

describe('fetchGrantToken: JWT bearer', () => {
  const { key, keyId, publicKey } = generateServiceAccountKey('robot@project.example.com');
  beforeAll(() => jwt.trust(keyId, key.client_email, publicKey));

  it('signs for the subject when delegating, for the account itself otherwise, with the scopes and aud', async () => {
    const auth = jwtBearer({ tokenUrl: jwt.tokenUrl, scopes: ['drive', 'mail'], lifetimeSeconds: 900 });
    await fetchGrantToken(auth, { serviceAccountKey: key, subject: 'ada@example.com' });
    expect(jwt.assertions.at(-1)?.claims).toMatchObject({
      iss: key.client_email,
      sub: 'ada@example.com',
      aud: jwt.tokenUrl,
      scope: 'drive mail',
    });
    await fetchGrantToken(auth, { serviceAccountKey: key });
    const last = jwt.assertions.at(-1);
    expect(last?.claims.sub).toBe(key.client_email);
    expect(Number(last?.claims.exp) - Number(last?.claims.iat)).toBe(900);
    expect(last?.header.kid).toBe(keyId);
  });

  it('never posts the assertion to a token_uri the connector does not allow, even one already stored', async () => {
    const before = jwt.requests;
    const auth = jwtBearer({ tokenUrl: jwt.tokenUrl, scopes: [] });
    // As if sealed under an older connector version that allowed this host.
    const stored = { serviceAccountKey: { ...key, token_uri: 'http://127.0.0.1:9/token' } };
    const error = await fetchGrantToken(auth, stored).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(grantFailure(auth, error)).toMatchObject({ status: 'needs_reauth' });
    expect(jwt.requests).toBe(before);
  });

  it('a key the provider no longer trusts is refused (invalid_grant): needs_reauth', async () => {
    const other = generateServiceAccountKey('gone@project.example.com');
    const auth = jwtBearer({ tokenUrl: jwt.tokenUrl, scopes: [] });
    const error = await fetchGrantToken(auth, { serviceAccountKey: other.key }).catch((e: unknown) => e);
    expect(grantFailure(auth, error)).toMatchObject({ status: 'needs_reauth', message: expect.stringContaining('(invalid_grant)') });
    expect(grantCreateError(auth, error)).toMatchObject({ code: 'AUTH_INVALID', providerCode: 'invalid_grant' });
  });
});

describe('grantFailure: what a refused grant means for the connection', () => {
  const auth = clientCredentials({ tokenUrl: 'https://a.example.com/token' });
  const refusal = (providerCode: string | undefined, status: number | undefined) =>
    new OAuthError(providerCode === 'invalid_client' ? 'invalid_client' : 'provider_error', 'x', { providerCode, status });

  it.each([
    ['invalid_client', 401, 'needs_reauth'],
    ['unauthorized_client', 400, 'needs_reauth'],
    [undefined, 401, 'needs_reauth'],
    [undefined, 503, 'active'],
    ['temporarily_unavailable', 400, 'active'],
  ] as const)('%s / %s -> %s', (code, status, expected) => {
    expect(grantFailure(auth, refusal(code, status)).status).toBe(expected);
  });

  it('timeouts and unreachable endpoints are transient: UPSTREAM, the connection stays active', () => {
    const failure = grantFailure(auth, new OAuthError('timeout', 'slow'));
    expect(failure).toMatchObject({ status: 'active', message: expect.stringContaining('did not answer in time') });
    expect(failure.error).toMatchObject({ code: 'UPSTREAM' });
  });

  it("asks the connector's classifyTokenError first; never repeats a provider's own words", () => {
    const custom = clientCredentials({
      tokenUrl: 'https://a.example.com/token',
      classifyTokenError: ({ error }) => (error === 'account_suspended' ? 'revoked' : undefined),
    });
    expect(grantFailure(custom, refusal('account_suspended', 400))).toMatchObject({ status: 'revoked' });
    expect(grantFailure(custom, refusal('account_suspended', 400)).message).not.toContain('account_suspended');
  });
});
