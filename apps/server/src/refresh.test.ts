import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectAcme, expireToken, storedTokens } from './testing/connect-acme.ts';
import { type FakeProvider, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let provider: FakeProvider;
let server: TestServer;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)], retry: { minDelayMs: 1, maxDelayMs: 2 } });
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});
beforeEach(() => {
  provider.rewriteTokenResponse = undefined;
});

const refreshes = () => provider.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;

async function setup() {
  const tenant = await connectAcme(server);
  const service = HttpSession.withApiKey(server.url, tenant.apiKey);
  const whoami = () => service.mutation('actions.acme-oauth.whoami', { connectionId: tenant.connectionId, input: {} });
  return { ...tenant, service, whoami };
}

describe('token refresh', () => {
  it('refreshes proactively when the token is about to expire, storing the rotated refresh token first', async () => {
    const { connectionId, whoami } = await setup();
    const before = await storedTokens(server.db, server.engine.ring, connectionId);
    await expireToken(server.db, provider, connectionId);
    const count = refreshes();
    expect(ok(await whoami())).toEqual({ sub: 'user-1' });
    expect(refreshes()).toBe(count + 1);
    const after = await storedTokens(server.db, server.engine.ring, connectionId);
    // (oauth2-mock-server's JWTs may repeat within a second, so the access token is not compared.)
    // oauth2-mock-server rotates refresh tokens: the new one is what is stored.
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(provider.refreshTokens.has(after.refreshToken ?? '')).toBe(true);
    expect(after.expiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('refreshes reactively exactly once after AUTH_EXPIRED, then retries once', async () => {
    const { whoami } = await setup();
    provider.validTokens.clear(); // revoked at the provider, though not expired by the clock
    const count = refreshes();
    expect(ok(await whoami())).toEqual({ sub: 'user-1' });
    expect(refreshes()).toBe(count + 1);
  });

  it('keeps the old refresh token when the response has none, and uses the default lifetime without expires_in', async () => {
    const { connectionId, whoami } = await setup();
    const before = await storedTokens(server.db, server.engine.ring, connectionId);
    await expireToken(server.db, provider, connectionId);
    provider.rewriteTokenResponse = (response, grant) => {
      if (grant !== 'refresh_token' || typeof response.body !== 'object') return;
      delete response.body.refresh_token;
      delete response.body.expires_in;
    };
    ok(await whoami());
    const after = await storedTokens(server.db, server.engine.ring, connectionId);
    expect(after.refreshToken).toBe(before.refreshToken);
    const lifetime = (after.expiresAt?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
  });

  it('invalid_grant marks the connection needs_reauth with a clear error and stops calling the provider', async () => {
    const { connectionId, whoami, service } = await setup();
    await expireToken(server.db, provider, connectionId);
    provider.rewriteTokenResponse = (response, grant) => {
      if (grant !== 'refresh_token') return;
      response.statusCode = 400;
      response.body = { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' };
    };
    const failed = await whoami();
    expect(failed.status).toBe(412);
    expect(failed.body.error.data).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'CONNECTION_INACTIVE',
      connectionStatus: 'needs_reauth',
      runId: expect.any(String),
    });
    const connection = ok(await service.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({ status: 'needs_reauth', lastError: expect.stringContaining('invalid_grant') });
    const count = provider.tokenRequests.length;
    expect((await whoami()).body.error.data).toMatchObject({ reason: 'CONNECTION_INACTIVE', connectionStatus: 'needs_reauth' });
    expect(provider.tokenRequests.length).toBe(count);
  });

  it('a provider that hands back the same access token still causes exactly one refresh for a burst', async () => {
    const { connectionId, whoami } = await setup();
    const { accessToken } = await storedTokens(server.db, server.engine.ring, connectionId);
    await expireToken(server.db, provider, connectionId);
    provider.rewriteTokenResponse = (response, grant) => {
      if (grant === 'refresh_token' && typeof response.body === 'object') response.body.access_token = accessToken;
    };
    const count = refreshes();
    const replies = await Promise.all(Array.from({ length: 50 }, () => whoami()));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(refreshes()).toBe(count + 1);
  });

  it('the scheduled refresher renews tokens that expire soon, and leaves the others alone', async () => {
    const soon = await setup();
    const later = await setup();
    await server.db
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() + 5 * 60_000) })
      .where('id', '=', soon.connectionId)
      .execute();
    await server.db
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() + 2 * 3600_000) })
      .where('id', '=', later.connectionId)
      .execute();
    const before = await storedTokens(server.db, server.engine.ring, later.connectionId);
    const count = refreshes();
    const swept = await server.engine.refreshDueConnections();
    expect(swept.failed).toBe(0);
    expect(swept.refreshed).toBeGreaterThanOrEqual(1);
    expect(refreshes()).toBe(count + swept.refreshed);
    expect((await storedTokens(server.db, server.engine.ring, soon.connectionId)).expiresAt?.getTime()).toBeGreaterThan(
      Date.now() + 3000_000,
    );
    expect(await storedTokens(server.db, server.engine.ring, later.connectionId)).toEqual(before);
  });

  it('200 concurrent calls on an expired token in one process: one token request, every call succeeds', async () => {
    const { connectionId, whoami } = await setup();
    await expireToken(server.db, provider, connectionId);
    const count = refreshes();
    const replies = await Promise.all(Array.from({ length: 200 }, () => whoami()));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(refreshes()).toBe(count + 1);
  });
});
