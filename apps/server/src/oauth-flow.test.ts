import { randomUUID } from 'node:crypto';
import { seal } from '@patchbay/auth';
import { VERIFIER_PURPOSE } from '@patchbay/engine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeProvider, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { hop, postConnectToken, walkConnectLink, walkToCallback } from './testing/oauth-browser.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const RETURN_TO = 'https://app.example.com/connected';
const CLIENT_SECRET = 'acme-client-secret-do-not-leak';

let provider: FakeProvider;
let server: TestServer;
let owner: HttpSession;
let org: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)] });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `oauth-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'Acme users' })).id;
  owner = user.withOrg(org);
  ok(await owner.mutation('orgs.setReturnOrigins', { origins: ['https://app.example.com'] }));
  ok(await owner.mutation('oauthApps.set', { connectorId: 'acme-oauth', clientId: 'patchbay-client', clientSecret: CLIENT_SECRET }));
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});

const authorizeUrl = (params: Record<string, string> = {}) =>
  `${server.url}/oauth/acme-oauth/authorize?${new URLSearchParams({ org, return_to: RETURN_TO, ...params })}`;

async function connectionCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from connections`.execute(server.db);
  return rows[0]?.n ?? 0;
}

async function exchanges(): Promise<number> {
  return provider.tokenRequests.filter((r) => r.grantType === 'authorization_code').length;
}

describe('OAuth end to end, oauth2-mock-server as the provider, through the real HTTP server', () => {
  let connectionId: string;

  it('authorize -> provider -> callback gives an active connection with sealed tokens', async () => {
    const flow = await walkToCallback(authorizeUrl(), owner);
    expect(flow.providerUrl.origin).toBe(new URL(provider.issuer).origin);
    expect(flow.providerUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(flow.providerUrl.searchParams.get('redirect_uri')).toBe(`${server.url}/oauth/callback`);
    const back = await hop(flow.callbackUrl, flow.browser);
    expect(back.status).toBe(302);
    expect(back.location?.origin + (back.location?.pathname ?? '')).toBe(RETURN_TO);
    connectionId = back.location?.searchParams.get('connection_id') ?? '';
    expect(back.location?.searchParams.get('status')).toBe('connected');

    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({ connectorId: 'acme-oauth', status: 'active', authKind: 'oauth2' });
    expect(new Date(connection.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const row = await server.db
      .selectFrom('connections')
      .select('credentials_sealed')
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(row.credentials_sealed).toMatch(/^v1\.test1\./);
    expect(ok(await owner.mutation('actions.acme-oauth.whoami', { connectionId, input: {} }))).toEqual({ sub: 'user-1' });
  });

  it('stores no token and no client secret in any column: text, json or bytea, plain or base64', async () => {
    const secrets = [...provider.validTokens, ...provider.refreshTokens, CLIENT_SECRET];
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    const needles = secrets.flatMap((s) => [s, Buffer.from(s).toString('base64'), Buffer.from(s).toString('base64url')]);
    const { rows: columns } = await sql<{ table: string; column: string; type: string }>`
      select c.table_name as table, c.column_name as column, c.data_type as type from information_schema.columns c
      join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea', 'ARRAY')`.execute(server.db);
    expect(columns.map((c) => `${c.table}.${c.column}`)).toEqual(expect.arrayContaining(['connections.credentials_sealed', 'runs.output']));
    for (const { table, column, type } of columns) {
      const asText = type === 'bytea' ? sql`encode(${sql.ref(column)}, 'escape')` : sql`${sql.ref(column)}::text`;
      const { rows } = await sql<{ value: string | null }>`select ${asText} as value from ${sql.table(table)}`.execute(server.db);
      for (const { value } of rows) for (const needle of needles) expect(value ?? '', `${table}.${column}`).not.toContain(needle);
    }
  });

  it('authorizing again updates the connection in place and makes it active again', async () => {
    await server.db.updateTable('connections').set({ status: 'needs_reauth' }).where('id', '=', connectionId).execute();
    const flow = await walkToCallback(authorizeUrl({ connection_id: connectionId }), owner);
    const back = await hop(flow.callbackUrl, flow.browser);
    expect(back.location?.searchParams.get('connection_id')).toBe(connectionId);
    expect(ok(await owner.query('connections.get', { id: connectionId })).status).toBe('active');
  });

  it('refuses a reused state: no second exchange, no second connection', async () => {
    const flow = await walkToCallback(authorizeUrl(), owner);
    expect((await hop(flow.callbackUrl, flow.browser)).status).toBe(302);
    const [count, exchanged] = [await connectionCount(), await exchanges()];
    const again = await hop(flow.callbackUrl, flow.browser);
    expect(again.status).toBe(400);
    expect(again.text).toContain('invalid_state');
    expect([await connectionCount(), await exchanges()]).toEqual([count, exchanged]);
  });

  it('refuses an expired state, a missing state and an iss mismatch without exchanging the code', async () => {
    const [count, exchanged] = [await connectionCount(), await exchanges()];

    const expired = await walkToCallback(authorizeUrl(), owner);
    await sql`update oauth_flows set expires_at = now() - interval '1 second'`.execute(server.db);
    const late = await hop(expired.callbackUrl, expired.browser);
    expect(late.location?.searchParams.get('error')).toBe('expired_state');

    const missing = new URL(expired.callbackUrl);
    missing.searchParams.delete('state');
    const noState = await hop(missing, expired.browser);
    expect(noState.status).toBe(400);
    expect(noState.text).toContain('missing_state');

    const forged = await walkToCallback(authorizeUrl(), owner);
    forged.callbackUrl.searchParams.set('iss', 'https://evil.example');
    const mismatch = await hop(forged.callbackUrl, forged.browser);
    expect(mismatch.location?.searchParams.get('error')).toBe('issuer_mismatch');

    expect([await connectionCount(), await exchanges()]).toEqual([count, exchanged]);
  });

  it('refuses a wrong PKCE verifier at the provider and saves nothing', async () => {
    const count = await connectionCount();
    const flow = await walkToCallback(authorizeUrl(), owner);
    const row = await server.db.selectFrom('oauth_flows').select(['id', 'tenant_id']).executeTakeFirstOrThrow();
    const wrong = seal(server.engine.ring, 'a-verifier-that-was-never-sent-to-the-provider-0123456789', {
      tenantId: row.tenant_id,
      recordId: row.id,
      purpose: VERIFIER_PURPOSE,
    });
    await server.db.updateTable('oauth_flows').set({ code_verifier_sealed: wrong }).where('id', '=', row.id).execute();
    const back = await hop(flow.callbackUrl, flow.browser);
    // oauth2-mock-server answers a PKCE mismatch with a 400 problem document rather than
    // RFC 6749's invalid_grant, so the code is bad_response here; a real provider gives invalid_grant.
    expect(back.location?.searchParams.get('error')).toMatch(/^(invalid_grant|bad_response)$/);
    expect(back.location?.searchParams.get('connection_id')).toBeNull();
    expect(await connectionCount()).toBe(count);
  });

  it('refuses a returnTo outside the allow-list before any flow is stored', async () => {
    const before = await server.db.selectFrom('oauth_flows').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const refused = await hop(authorizeUrl({ return_to: 'https://evil.example/steal' }), owner);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('return_to_not_allowed');
    const after = await server.db.selectFrom('oauth_flows').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('ends a provider refusal (access_denied) back at returnTo with the error code', async () => {
    const flow = await walkToCallback(authorizeUrl(), owner);
    const denied = new URL(flow.callbackUrl);
    denied.searchParams.delete('code');
    denied.searchParams.set('error', 'access_denied');
    const back = await hop(denied, flow.browser);
    expect(back.location?.searchParams.get('error')).toBe('access_denied');
  });

  it('needs a signed-in member or a connect token to start', async () => {
    expect((await hop(authorizeUrl())).status).toBe(401);
    expect((await hop(authorizeUrl({ org: randomUUID() }), owner)).status).toBe(403);
  });

  it('connect sessions: an API key makes a single-use link an end user opens without signing in', async () => {
    const key = ok(await owner.mutation('apiKeys.create', { name: 'backend' })).key;
    const service = HttpSession.withApiKey(server.url, key);
    const link = ok(
      await service.mutation('connectSessions.create', { connectorId: 'acme-oauth', endUserId: 'end-user-7', returnTo: RETURN_TO }),
    );
    expect(link.url).toMatch(new RegExp(`^${server.url}/oauth/acme-oauth/authorize\\?connect_token=pbc_`));
    const flow = await walkConnectLink(link.url);
    const back = await hop(flow.callbackUrl, flow.browser);
    const id = back.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await service.query('connections.get', { id }))).toMatchObject({ endUserId: 'end-user-7', status: 'active' });
    const reused = await hop(link.url);
    expect(reused.status).toBe(401);
    expect(reused.text).toContain('connect_token_invalid');
    const pressedAgain = await postConnectToken(link.url);
    expect(pressedAgain.status).toBe(401);
    const outside = await service.mutation('connectSessions.create', { connectorId: 'acme-oauth', returnTo: 'https://evil.example/' });
    expect(outside.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'RETURN_TO_NOT_ALLOWED' });
  });

  it('connections.delete revokes the grant at the provider, then deletes the credentials', async () => {
    const flow = await walkToCallback(authorizeUrl(), owner);
    const id = (await hop(flow.callbackUrl, flow.browser)).location?.searchParams.get('connection_id') ?? '';
    const revokedBefore = provider.revocations.length;
    const result = ok(await owner.mutation('connections.delete', { id }));
    expect(result).toMatchObject({ id, revokedAtProvider: true });
    await vi.waitFor(() => expect(provider.revocations.length).toBe(revokedBefore + 1));
    expect(provider.refreshTokens.has(provider.revocations.at(-1) ?? '')).toBe(true);
    expect((await owner.query('connections.get', { id })).status).toBe(404);
  });

  it('oauthApps never return the client secret', async () => {
    const listed = ok(await owner.query('oauthApps.list'));
    expect(listed.apps).toEqual([expect.objectContaining({ connectorId: 'acme-oauth', clientId: 'patchbay-client', source: 'tenant' })]);
    expect(JSON.stringify(listed)).not.toContain(CLIENT_SECRET);
    // What the admin registers at the provider, on the server's public URL.
    expect(listed.redirectUri).toBe(`${server.url}/oauth/callback`);
  });
});

describe('API-key connections', () => {
  it('a bad key is a clear error and nothing is saved; a good key connects and runs', async () => {
    const count = await connectionCount();
    const bad = await owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: 'wrong-key-000' } });
    expect(bad.body.error.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'AUTH_INVALID' });
    expect(JSON.stringify(bad.body)).not.toContain('wrong-key-000');
    expect(await connectionCount()).toBe(count);

    const invalid = await owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: 'short' } });
    expect(invalid.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT', path: 'apiKey' });

    const made = ok(
      await owner.mutation('connections.create', { connectorId: 'acme-key', name: 'main', credentials: { apiKey: 'acme-good-key-123' } }),
    );
    expect(made).toMatchObject({ connectorId: 'acme-key', status: 'active', name: 'main', authKind: 'apiKey' });
    expect(JSON.stringify(made)).not.toContain('acme-good-key-123');
    expect(ok(await owner.mutation('actions.acme-key.echo', { connectionId: made.id, input: { message: 'hi' } }))).toMatchObject({
      message: 'hi',
    });
    expect(ok(await owner.mutation('connections.test', { id: made.id }))).toEqual({ ok: true, status: 'active' });
  });
});
