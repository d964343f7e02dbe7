import { startTogether } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientCredentialsServer, startClientCredentialsServer } from '../testing/client-credentials-server.ts';
import {
  type FakeJwtBearerEndpoint,
  generateServiceAccountKey,
  JWT_BEARER_GRANT,
  startFakeJwtBearerEndpoint,
} from '../testing/fake-jwt-bearer-endpoint.ts';
import { requestGrantToken } from './grant-request.ts';
import { signJwtAssertion } from './jwt-assertion.ts';
import { OAuthError } from './oauth-error.ts';

let server: ClientCredentialsServer;
let jwt: FakeJwtBearerEndpoint;

beforeAll(async () => {
  [server, jwt] = await startTogether([startClientCredentialsServer(), startFakeJwtBearerEndpoint()]);
  server.register('client:one', 'secret with spaces & symbols');
});
afterAll(async () => {
  await Promise.all([server?.stop(), jwt?.stop()]);
});

async function refusal(promise: Promise<unknown>): Promise<OAuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OAuthError);
  return error as OAuthError;
}

describe('requestGrantToken: client credentials against oauth2-mock-server', () => {
  it.each(['basic', 'body'] as const)('authenticates the client by %s and reads the token', async (auth) => {
    const before = Date.now();
    const tokens = await requestGrantToken({
      tokenUrl: server.tokenUrl,
      params: { grant_type: 'client_credentials', scope: 'read write' },
      client: { id: 'client:one', secret: 'secret with spaces & symbols', auth },
    });
    expect(server.issued.has(tokens.accessToken)).toBe(true);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresAt?.getTime()).toBeGreaterThan(before);
    expect(tokens.scopes).toEqual(['read', 'write']);
    expect(server.requests.at(-1)).toEqual({ clientId: 'client:one', via: auth, scope: 'read write', granted: true });
  });

  it('a wrong secret is invalid_client with the 401 status, and no secret in the message', async () => {
    const error = await refusal(
      requestGrantToken({
        tokenUrl: server.tokenUrl,
        params: { grant_type: 'client_credentials' },
        client: { id: 'client:one', secret: 'wrong-secret-value', auth: 'basic' },
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_client', providerCode: 'invalid_client', status: 401 });
    expect(error.message).not.toContain('wrong-secret-value');
  });

  it('a 503 without an OAuth error is bad_response carrying the status', async () => {
    server.script.push({ status: 503, body: { message: 'busy' } });
    const error = await refusal(
      requestGrantToken({
        tokenUrl: server.tokenUrl,
        params: { grant_type: 'client_credentials' },
        client: { id: 'client:one', secret: 'secret with spaces & symbols', auth: 'basic' },
      }),
    );
    expect(error).toMatchObject({ code: 'bad_response', status: 503 });
  });

  it('an endpoint that does not answer is unreachable; one too slow is a timeout', async () => {
    const closed = await refusal(requestGrantToken({ tokenUrl: 'http://127.0.0.1:9/token', params: { grant_type: 'client_credentials' } }));
    expect(closed.code).toBe('unreachable');
    const { createServer } = await import('node:http');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const slow = await refusal(
        requestGrantToken({ tokenUrl: `http://127.0.0.1:${port}/token`, params: { grant_type: 'client_credentials' }, timeoutMs: 200 }),
      );
      expect(slow.code).toBe('timeout');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('requestGrantToken: JWT bearer against a token endpoint that verifies the signature', () => {
  const { key, keyId, publicKey } = generateServiceAccountKey('robot@project.iam.example.com');

  it('a signed assertion wins a token; the endpoint saw valid claims', async () => {
    jwt.trust(keyId, key.client_email, publicKey);
    const assertion = signJwtAssertion(key.private_key, {
      issuer: key.client_email,
      subject: key.client_email,
      audience: jwt.tokenUrl,
      scope: 'drive',
      keyId,
      lifetimeSeconds: 600,
    });
    const tokens = await requestGrantToken({ tokenUrl: jwt.tokenUrl, params: { grant_type: JWT_BEARER_GRANT, assertion } });
    expect(jwt.issued.has(tokens.accessToken)).toBe(true);
    expect(jwt.assertions.at(-1)?.claims).toMatchObject({ iss: key.client_email, aud: jwt.tokenUrl, scope: 'drive' });
  });

  it('an assertion for another audience is refused as invalid_grant', async () => {
    const assertion = signJwtAssertion(key.private_key, {
      issuer: key.client_email,
      subject: key.client_email,
      audience: 'https://elsewhere.example.com/token',
      keyId,
      lifetimeSeconds: 600,
    });
    const error = await refusal(requestGrantToken({ tokenUrl: jwt.tokenUrl, params: { grant_type: JWT_BEARER_GRANT, assertion } }));
    expect(error).toMatchObject({ code: 'invalid_grant', status: 400 });
  });
});
