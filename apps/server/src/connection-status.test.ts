/**
 * Connection status tells the truth (REVIEW #13, F10, F4): through the real server, the fake
 * provider and a webhook receiver fed by a real worker.
 */
import { sealJson } from '@patchbay/auth';
import { CREDENTIALS_PURPOSE, type RunningWorker, startWorker } from '@patchbay/engine';
import { defineConnector, oauth2 } from '@patchbay/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectAcme, expireToken, storedTokens } from './testing/connect-acme.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.ts';

let provider: FakeProvider;
let server: TestServer;
let worker: RunningWorker;
let receiver: WebhookReceiver;
let receiverUrl: string;

/** acme-oauth whose token endpoint says `invalid_request` for a dead refresh token, and `grant_revoked` when revoked. */
function classifyingAcme(p: FakeProvider) {
  const base = acmeOAuth(p);
  return defineConnector({
    ...base,
    auth: oauth2({
      ...base.auth,
      classifyTokenError: ({ error }) => (error === 'invalid_request' ? 'needs_reauth' : error === 'grant_revoked' ? 'revoked' : undefined),
    }),
  });
}

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [classifyingAcme(provider), acmeKey(provider)], retry: { minDelayMs: 1, maxDelayMs: 2 } });
  worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100 });
  receiver = await startWebhookReceiver();
  receiverUrl = receiver.url;
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await provider?.stop();
  await receiver?.close();
});
beforeEach(() => {
  provider.rewriteTokenResponse = undefined;
});

const refreshes = () => provider.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
const refuseRefresh = (body: Record<string, unknown>) => {
  provider.rewriteTokenResponse = (response, grant) => {
    if (grant !== 'refresh_token') return;
    response.statusCode = 400;
    response.body = body;
  };
};

async function setup() {
  const tenant = await connectAcme(server);
  ok(await tenant.owner.mutation('webhooks.create', { url: receiverUrl, events: ['connection.status_changed'] }));
  const service = HttpSession.withApiKey(server.url, tenant.apiKey);
  const whoami = () => service.mutation('actions.acme-oauth.whoami', { connectionId: tenant.connectionId, input: {} });
  const connection = async (id = tenant.connectionId) => ok(await service.query('connections.get', { id }));
  return { ...tenant, service, whoami, connection };
}

const changesOf = (connectionId: string) =>
  receiver.deliveries
    .map((d) => d.event as { type: string; data: Record<string, unknown> })
    .filter((e) => e.type === 'connection.status_changed' && e.data.connectionId === connectionId)
    .map((e) => e.data);

describe('connection status', () => {
  it('connections.test refreshes an access token the provider rejected early, and the connection stays active (F10)', async () => {
    const { connectionId, service, connection } = await setup();
    provider.validTokens.clear(); // refused at the provider, though not expired by the clock
    const count = refreshes();
    const tested = ok(await service.mutation('connections.test', { id: connectionId }));
    expect(tested).toMatchObject({ ok: true, status: 'active' });
    expect(refreshes()).toBe(count + 1);
    expect(await connection()).toMatchObject({ status: 'active', lastError: null });
  });

  it('an API-key connection whose key the provider refuses goes needs_reauth, says why, and tells subscribers', async () => {
    const { org, service, connection } = await setup();
    const id = ok(await service.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } })).id;
    // The key is rolled at the provider: store one it no longer accepts.
    const rolled = sealJson(
      server.engine.ring,
      { apiKey: 'rolled-key-000' },
      { tenantId: org, recordId: id, purpose: CREDENTIALS_PURPOSE },
    );
    await server.db.updateTable('connections').set({ credentials_sealed: rolled }).where('id', '=', id).execute();
    const echo = () => service.mutation('actions.acme-key.echo', { connectionId: id, input: { message: 'hi' } });
    expect((await echo()).body.error.data).toMatchObject({ reason: 'AUTH_INVALID' });
    const stored = await connection(id);
    expect(stored).toMatchObject({ status: 'needs_reauth', lastError: expect.stringContaining('AUTH_INVALID') });
    expect(stored.lastError).not.toContain('bad key'); // the provider's own words stay out
    const calls = provider.apiCalls.get('/echo') ?? 0;
    expect((await echo()).body.error.data).toMatchObject({ reason: 'CONNECTION_INACTIVE', connectionStatus: 'needs_reauth' });
    expect(provider.apiCalls.get('/echo') ?? 0).toBe(calls);
    await vi.waitFor(() => expect(changesOf(id)).toEqual([expect.objectContaining({ from: 'active', to: 'needs_reauth' })]), {
      timeout: 15_000,
      interval: 100,
    });
  });

  it('classifyTokenError maps an invalid_request token answer to needs_reauth, and a revoked grant to revoked', async () => {
    const first = await setup();
    await expireToken(server.db, provider, first.connectionId);
    refuseRefresh({ error: 'invalid_request', error_description: 'refresh token is not valid' });
    expect((await first.whoami()).body.error.data).toMatchObject({ reason: 'CONNECTION_INACTIVE', connectionStatus: 'needs_reauth' });
    expect(await first.connection()).toMatchObject({ status: 'needs_reauth', lastError: expect.stringContaining('invalid_request') });

    const second = await setup();
    await expireToken(server.db, provider, second.connectionId);
    refuseRefresh({ error: 'grant_revoked' });
    expect((await second.whoami()).body.error.data).toMatchObject({ reason: 'CONNECTION_INACTIVE', connectionStatus: 'revoked' });
    expect((await second.connection()).status).toBe('revoked');
    await vi.waitFor(() => expect(changesOf(second.connectionId)).toEqual([expect.objectContaining({ from: 'active', to: 'revoked' })]), {
      timeout: 15_000,
      interval: 100,
    });
  });

  it('a token endpoint that echoes the refresh token in its error: the token lands in no error text (F4)', async () => {
    const { connectionId, whoami, connection } = await setup();
    const { refreshToken } = await storedTokens(server.db, server.engine.ring, connectionId);
    await expireToken(server.db, provider, connectionId);
    refuseRefresh({ error: refreshToken });
    const failed = await whoami();
    expect(failed.body.error.data).toMatchObject({ reason: 'UPSTREAM' });
    expect(JSON.stringify(failed.body)).not.toContain(refreshToken);
    const stored = await connection();
    expect(stored.status).toBe('active'); // an unknown refusal is not proof the grant is dead
    expect(stored.lastError).toMatch(/^Refreshing the access token failed/);
    expect(JSON.stringify(stored)).not.toContain(refreshToken);
  });
});
