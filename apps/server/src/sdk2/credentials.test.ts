/**
 * `connections.credentials` end to end through the real server, real Postgres and the local fake
 * OAuth provider: a key made with `credentials:read` gets the connection's access token (and no
 * refresh token), a fresh one when the stored token is due (refreshed at the provider first, so
 * the token returned works there), and each read is in the audit log. Signed-in owners and admin
 * keys get FORBIDDEN; the permission and isolation matrices (permissions.test.ts,
 * isolation.test.ts) cover the rest, generated from the router.
 */
import { withTenant } from '@patchbay/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAcme, expireToken, storedTokens } from '../testing/connect-acme.ts';
import { type FakeProvider, startFakeProvider } from '../testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from '../testing/fixtures/acme-connectors.ts';
import { errorCode, HttpSession, ok } from '../testing/http-session.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let provider: FakeProvider;
let server: TestServer;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)] });
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});

describe('connections.credentials', () => {
  it('hands a credentials:read key a working access token, refreshed first when due, and audits each read', async () => {
    const tenant = await connectAcme(server);
    const made = ok(await tenant.owner.mutation('apiKeys.create', { name: 'tokens', scopes: ['credentials:read'] }));
    const key = HttpSession.withApiKey(server.url, made.key);
    const stored = await storedTokens(server.db, server.engine.ring, tenant.connectionId);

    const first = ok(await key.mutation('connections.credentials', { id: tenant.connectionId }));
    expect(first).toMatchObject({ connectionId: tenant.connectionId, connectorId: 'acme-oauth', accessToken: stored.accessToken });
    expect(JSON.stringify(first)).not.toContain(stored.refreshToken ?? 'no-refresh-token');

    await expireToken(server.db, provider, tenant.connectionId);
    const fresh = ok(await key.mutation('connections.credentials', { id: tenant.connectionId }));
    // expireToken emptied the provider's valid tokens: only one issued by a refresh since is there.
    // (oauth2-mock-server's JWTs may repeat within a second, so the strings are not compared.)
    expect(provider.validTokens.has(fresh.accessToken)).toBe(true);
    expect((await storedTokens(server.db, server.engine.ring, tenant.connectionId)).refreshToken).not.toBe(stored.refreshToken);
    expect(new Date(fresh.expiresAt).getTime()).toBeGreaterThan(Date.now());

    // Through the tenant's scope: FORCE RLS hides audit_log from a non-superuser owner's root handle.
    const audited = await withTenant(server.db, tenant.org, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['actor_type', 'actor_id', 'target'])
        .where('action', '=', 'connection.credentials_read')
        .where('tenant_id', '=', tenant.org)
        .execute(),
    );
    expect(audited).toEqual([
      { actor_type: 'api_key', actor_id: made.id, target: tenant.connectionId },
      { actor_type: 'api_key', actor_id: made.id, target: tenant.connectionId },
    ]);

    for (const as of [tenant.owner, HttpSession.withApiKey(server.url, tenant.apiKey)]) {
      const refused = await as.mutation('connections.credentials', { id: tenant.connectionId });
      expect(refused.status).toBe(403);
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(JSON.stringify(refused.body)).not.toContain(fresh.accessToken);
    }
  });
});
