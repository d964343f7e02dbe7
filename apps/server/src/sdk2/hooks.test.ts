import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedTokens } from '../testing/connect-acme.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop, walkToCallback } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { hooksConnector } from './hooks-connector.ts';
import { type HooksProvider, startHooksProvider } from './hooks-provider.ts';

const CLIENT_KEY = 'tok-client-key';
const CLIENT_SECRET = 'tok-client-secret-never-printed';
const RETURN_TO = 'https://app.example.com/connected';
const DAY_MS = 24 * 3600 * 1000;

let provider: HooksProvider;
let server: TestServer;
let owner: HttpSession;
let org: string;

beforeAll(async () => {
  provider = await startHooksProvider(CLIENT_KEY, CLIENT_SECRET);
  server = await startTestServer({ connectors: [hooksConnector(provider.origin)] });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `hooks-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'Hooks' })).id;
  owner = user.withOrg(org);
  ok(await owner.mutation('orgs.setReturnOrigins', { origins: ['https://app.example.com'] }));
  ok(await owner.mutation('oauthApps.set', { connectorId: 'tok', clientId: CLIENT_KEY, clientSecret: CLIENT_SECRET }));
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});

const authorizeUrl = () => `${server.url}/oauth/tok/authorize?${new URLSearchParams({ org, return_to: RETURN_TO })}`;
const seen = (route: string) => provider.seen.filter((s) => s.route === route);
const me = (connectionId: string) => owner.mutation('actions.tok.me', { connectionId, input: {} });
const setExpiry = (id: string, inMs: number) =>
  server.db
    .updateTable('connections')
    .set({ expires_at: new Date(Date.now() + inMs) })
    .where('id', '=', id)
    .execute();

async function connect(): Promise<string> {
  const flow = await walkToCallback(authorizeUrl(), owner);
  const back = await hop(flow.callbackUrl, flow.browser);
  const id = back.location?.searchParams.get('connection_id');
  if (!id) throw new Error(`connecting failed: ${back.location}`);
  return id;
}

describe('OAuth hooks end to end: authorize -> callback -> action -> refresh -> delete, through the real server', () => {
  let connectionId: string;

  it('authorizes with client_key, reads auth_code, exchanges it as JSON, then swaps the short-lived token for a long-lived one', async () => {
    const flow = await walkToCallback(authorizeUrl(), owner);
    expect(flow.providerUrl.searchParams.get('client_key')).toBe(CLIENT_KEY);
    expect(flow.providerUrl.searchParams.has('client_id')).toBe(false);
    expect(flow.callbackUrl.searchParams.has('auth_code')).toBe(true);
    expect(flow.callbackUrl.searchParams.has('code')).toBe(false);
    const back = await hop(flow.callbackUrl, flow.browser);
    expect(back.location?.searchParams.get('status')).toBe('connected');
    connectionId = back.location?.searchParams.get('connection_id') ?? '';

    const [exchange] = seen('POST /oauth/token/');
    expect(exchange?.headers['content-type']).toBe('application/json');
    expect(exchange?.body).toEqual({
      client_key: CLIENT_KEY,
      secret: CLIENT_SECRET,
      auth_code: flow.callbackUrl.searchParams.get('auth_code'),
    });
    expect(seen('GET /oauth/long_lived')).toHaveLength(1);

    const stored = await storedTokens(server.db, server.engine.ring, connectionId);
    expect(stored.accessToken).toMatch(/^long-/);
    expect(stored.refreshToken).toBeUndefined();
    expect((stored.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * DAY_MS);
    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({ status: 'active', providerAccountId: 'user-1', metadata: { tokenKind: 'long-lived' } });
  });

  it('a code the token endpoint refuses with code != 0 at HTTP 200 is a classified failure (invalid_grant), and nothing is saved', async () => {
    const flow = await walkToCallback(authorizeUrl(), owner);
    const forged = new URL(flow.callbackUrl);
    forged.searchParams.set('auth_code', 'not-a-code');
    const back = await hop(forged, flow.browser);
    expect(back.location?.searchParams.get('error')).toBe('invalid_grant');
  });

  it('actions send the token in Access-Token, not Authorization', async () => {
    expect(ok(await me(connectionId))).toEqual({ name: 'Tok User' });
    const call = seen('GET /v1/me').at(-1);
    expect(call?.headers['access-token']).toBe((await storedTokens(server.db, server.engine.ring, connectionId)).accessToken);
    expect(call?.headers.authorization).toBeUndefined();
  });

  it('the refresh cron renews a token without a refresh token 10 days before expiry (refreshBeforeMs), not earlier', async () => {
    const before = await storedTokens(server.db, server.engine.ring, connectionId);
    await setExpiry(connectionId, 11 * DAY_MS);
    expect(await server.engine.refreshDueConnections()).toEqual({ refreshed: 0, failed: 0 });

    await setExpiry(connectionId, 9 * DAY_MS);
    expect(await server.engine.refreshDueConnections()).toEqual({ refreshed: 1, failed: 0 });
    expect(seen('GET /refresh_access_token').at(-1)?.query).toEqual({ grant_type: 'tok_refresh_token', access_token: before.accessToken });
    const after = await storedTokens(server.db, server.engine.ring, connectionId);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect((after.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * DAY_MS);
    expect(ok(await me(connectionId))).toEqual({ name: 'Tok User' });
  });

  it('an expired token is refreshed by the hook before the action runs', async () => {
    await setExpiry(connectionId, -60_000);
    const refreshes = seen('GET /refresh_access_token').length;
    expect(ok(await me(connectionId))).toEqual({ name: 'Tok User' });
    expect(seen('GET /refresh_access_token')).toHaveLength(refreshes + 1);
  });

  it('a refused custom refresh goes through classifyTokenError: the connection needs reauth, with a secret-free error', async () => {
    const second = await connect();
    expect(second).not.toBe(connectionId);
    provider.failNextRefresh = true;
    await setExpiry(second, -60_000);
    const refused = await me(second);
    expect(refused.body.error.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'CONNECTION_INACTIVE' });
    const connection = ok(await owner.query('connections.get', { id: second }));
    expect(connection.status).toBe('needs_reauth');
    expect(connection.lastError).toBe('The provider refused the refresh token (HTTP 400); authorize again');
    const { rows } = await sql<{ text: string }>`select last_error as text from connections where id = ${second}`.execute(server.db);
    expect(rows[0]?.text).not.toContain(CLIENT_SECRET);
  });

  it('authorizing again in place merges afterExchange metadata into what the connection had', async () => {
    await server.db
      .updateTable('connections')
      .set({ metadata: JSON.stringify({ chosen: 'kept', tokenKind: 'old' }) })
      .where('id', '=', connectionId)
      .execute();
    const url = `${server.url}/oauth/tok/authorize?${new URLSearchParams({ org, return_to: RETURN_TO, connection_id: connectionId })}`;
    const flow = await walkToCallback(url, owner);
    const back = await hop(flow.callbackUrl, flow.browser);
    expect(back.location?.searchParams.get('connection_id')).toBe(connectionId);
    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection.metadata).toEqual({ chosen: 'kept', tokenKind: 'long-lived' });
    expect(ok(await me(connectionId))).toEqual({ name: 'Tok User' });
  });

  it('delete reports revokedAtProvider false when the provider answers ok:false at 200, and deletes anyway', async () => {
    const third = await connect();
    provider.refuseNextRevoke = true;
    const result = ok(await owner.mutation('connections.delete', { id: third }));
    expect(result).toEqual({ id: third, revokedAtProvider: false, revocationError: 'The provider did not confirm the revocation' });
    expect((await owner.query('connections.get', { id: third })).status).toBe(404);
  });

  it('delete reports revokedAtProvider true when the revoke hook confirms, and the token is dead at the provider', async () => {
    const token = (await storedTokens(server.db, server.engine.ring, connectionId)).accessToken;
    const result = ok(await owner.mutation('connections.delete', { id: connectionId }));
    expect(result).toMatchObject({ id: connectionId, revokedAtProvider: true });
    expect(seen('POST /oauth/revoke').at(-1)?.body).toEqual({ token });
    expect(provider.liveTokens.has(token)).toBe(false);
    expect((await owner.query('connections.get', { id: connectionId })).status).toBe(404);
  });
});
