/**
 * The grants that need no person at the provider, end to end through the real server and real
 * Postgres: client credentials against oauth2-mock-server (strict about client secrets), and the
 * JWT bearer grant against a token endpoint that verifies the RS256 assertion. Connections are
 * created with `connections.create`, actions carry the fetched token, an expired token is
 * fetched again once for a burst of calls, refusals mark the connection, and one tenant's
 * connection is never another's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import {
  type ClientCredentialsServer,
  type FakeJwtBearerEndpoint,
  generateServiceAccountKey,
  startClientCredentialsServer,
  startFakeJwtBearerEndpoint,
} from '@patchbay/auth/testing';
import { withTenant } from '@patchbay/db';
import { startTogether } from '@patchbay/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { controlsOf, submitConnectForm } from '../testing/connect-form.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { grantsClientCredentials, grantsJwtBearer } from './grants-connector.ts';

const SECRET_A = 'tenant-a-client-secret-0001';
const SECRET_B = 'tenant-b-client-secret-0002';

let cc: ClientCredentialsServer;
let jwt: FakeJwtBearerEndpoint;
let api: Server;
let server: TestServer;
let orgA: string;
let orgB: string;
let a: HttpSession;
let b: HttpSession;
/** Tokens the API was shown, in order. */
const seen: string[] = [];
const logLines: string[] = [];

async function startApi(): Promise<string> {
  api = createServer((req, res) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const header = req.headers['x-service-token'];
    const token = bearer ?? (typeof header === 'string' ? header : undefined);
    const caller = token ? (cc.issued.get(token) ?? jwt.issued.get(token)) : undefined;
    if (token) seen.push(token);
    res.writeHead(caller ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(caller ? { caller } : { error: 'invalid_token' }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}

async function member(email: string, name: string): Promise<[HttpSession, string]> {
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, email);
  const org = ok(await user.mutation('orgs.create', { name })).id as string;
  return [user.withOrg(org), org];
}

beforeAll(async () => {
  [cc, jwt] = await startTogether([startClientCredentialsServer(), startFakeJwtBearerEndpoint()]);
  cc.register('client-a', SECRET_A);
  cc.register('client-b', SECRET_B);
  const endpoints = { clientCredentialsTokenUrl: cc.tokenUrl, jwtTokenUrl: jwt.tokenUrl, upstream: await startApi() };
  // Every log line at the most verbose level, to show no secret or key reaches them.
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  server = await startTestServer({ connectors: [grantsClientCredentials(endpoints), grantsJwtBearer(endpoints)], logger });
  [a, orgA] = await member(`grants-a-${Date.now()}@example.com`, 'Tenant A');
  [b, orgB] = await member(`grants-b-${Date.now()}@example.com`, 'Tenant B');
});
afterAll(async () => {
  await server?.close();
  api?.closeAllConnections();
  await new Promise((resolve) => api?.close(resolve));
  await Promise.all([cc?.stop(), jwt?.stop()]);
});

const call = (session: HttpSession, connectorId: string, connectionId: string) =>
  session.mutation(`actions.${connectorId}.whoami`, { connectionId, input: {} });

async function expire(org: string, connectionId: string): Promise<void> {
  await withTenant(server.db, org, (tx) =>
    tx
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', connectionId)
      .execute(),
  );
}

async function connectionCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from connections`.execute(server.db);
  return rows[0]?.n ?? 0;
}

const granted = () => cc.requests.filter((r) => r.granted).length;

describe('client credentials (RFC 6749 section 4.4) through the real server', () => {
  let connectionId: string;

  it('connections.create fetches a token with the tenant’s client; actions carry it', async () => {
    const before = cc.requests.length;
    const created = ok(
      await a.mutation('connections.create', { connectorId: 'grants-cc', credentials: { clientId: 'client-a', clientSecret: SECRET_A } }),
    );
    connectionId = created.id;
    expect(created).toMatchObject({ authKind: 'clientCredentials', status: 'active', scopes: ['reports.read'] });
    expect(new Date(created.expiresAt).getTime()).toBeGreaterThan(Date.now());
    // One token request, Basic-authenticated, for the declared scope; the health check used that token.
    expect(cc.requests.slice(before)).toEqual([{ clientId: 'client-a', via: 'basic', scope: 'reports.read', granted: true }]);
    expect(ok(await call(a, 'grants-cc', connectionId))).toEqual({ caller: 'client-a' });
    expect(cc.issued.get(seen.at(-1) ?? '')).toBe('client-a');
    expect(cc.requests.length).toBe(before + 1);
    const given = ok(await a.mutation('actions.grants-cc.credentialKeys', { connectionId, input: {} }));
    expect(given).toEqual({ keys: ['accessToken', 'tokenType'] });
  });

  it('an expired token is fetched again once for 50 concurrent calls', async () => {
    const old = seen.at(-1);
    await expire(orgA, connectionId);
    const before = cc.requests.length;
    const replies = await Promise.all(Array.from({ length: 50 }, () => call(a, 'grants-cc', connectionId)));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(cc.requests.length).toBe(before + 1);
    const fresh = seen.slice(-50);
    expect(new Set(fresh).size).toBe(1);
    expect(fresh[0]).not.toBe(old);
  });

  it('a token the API refuses before its expiry (401) is replaced by running the grant again, once', async () => {
    const current = seen.at(-1) ?? '';
    cc.issued.delete(current);
    const before = cc.requests.length;
    expect(ok(await call(a, 'grants-cc', connectionId))).toEqual({ caller: 'client-a' });
    expect(cc.requests.length).toBe(before + 1);
    expect(seen.slice(-2)[0]).toBe(current);
    expect(seen.at(-1)).not.toBe(current);
  });

  it('a bad secret fails the create with AUTH_INVALID and stores nothing', async () => {
    const count = await connectionCount();
    const reply = await a.mutation('connections.create', {
      connectorId: 'grants-cc',
      credentials: { clientId: 'client-a', clientSecret: 'not-the-secret-9999' },
    });
    expect(reply.status).toBe(412);
    expect(reply.body.error.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'AUTH_INVALID' });
    expect(reply.body.error.message).toContain('invalid_client');
    expect(JSON.stringify(reply.body)).not.toContain('not-the-secret-9999');
    expect(await connectionCount()).toBe(count);
  });

  it('missing fields are BAD_REQUEST naming the field, before any token request', async () => {
    const before = cc.requests.length;
    const reply = await a.mutation('connections.create', { connectorId: 'grants-cc', credentials: { clientId: 'client-a' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.data).toMatchObject({ path: 'clientSecret' });
    expect(cc.requests.length).toBe(before);
  });

  it('a token endpoint having a bad minute fails the call as UPSTREAM and leaves the connection active', async () => {
    await expire(orgA, connectionId);
    cc.script.push({ status: 503, body: { message: 'busy' } });
    const failed = await call(a, 'grants-cc', connectionId);
    expect(failed.body.error.data).toMatchObject({ reason: 'UPSTREAM' });
    expect(ok(await a.query('connections.get', { id: connectionId })).status).toBe('active');
    expect(ok(await call(a, 'grants-cc', connectionId))).toEqual({ caller: 'client-a' });
  });

  it('connections.test fetches a due token and passes', async () => {
    await expire(orgA, connectionId);
    const before = granted();
    expect(ok(await a.mutation('connections.test', { id: connectionId }))).toMatchObject({ ok: true, status: 'active' });
    expect(granted()).toBe(before + 1);
  });

  it('a secret the provider stops accepting marks the connection needs_reauth', async () => {
    const created = ok(
      await a.mutation('connections.create', { connectorId: 'grants-cc', credentials: { clientId: 'client-a', clientSecret: SECRET_A } }),
    );
    cc.register('client-a', 'rotated-secret-0003');
    try {
      await expire(orgA, created.id);
      const refused = await call(a, 'grants-cc', created.id);
      expect(refused.body.error.data).toMatchObject({ reason: 'CONNECTION_INACTIVE', connectionStatus: 'needs_reauth' });
      const row = ok(await a.query('connections.get', { id: created.id }));
      expect(row).toMatchObject({ status: 'needs_reauth', lastError: expect.stringContaining('(invalid_client)') });
      const tested = ok(await a.mutation('connections.test', { id: created.id }));
      expect(tested).toMatchObject({ ok: false, status: 'needs_reauth' });
    } finally {
      cc.register('client-a', SECRET_A);
    }
  });

  it('stores the secret and tokens sealed only, and never shows them in answers, run records or logs', async () => {
    const needles = [SECRET_A, ...cc.issued.keys()].flatMap((s) => [s, Buffer.from(s).toString('base64')]);
    const { rows } = await sql<{ row: string }>`select row_to_json(c)::text as row from connections c`.execute(server.db);
    const { rows: runs } = await sql<{ row: string }>`select row_to_json(r)::text as row from runs r`.execute(server.db);
    const answers = JSON.stringify([await a.query('connections.list'), await a.query('runs.list', { connectionId, limit: 100 })]);
    for (const text of [...rows.map((r) => r.row), ...runs.map((r) => r.row), answers, ...logLines]) {
      for (const needle of needles) expect(text).not.toContain(needle);
    }
  });
});

describe('service-account JWT bearer (RFC 7523) through the real server', () => {
  const account = generateServiceAccountKey('robot@tenant-a.iam.example.com');
  let connectionId: string;

  beforeAll(() => jwt.trust(account.keyId, account.key.client_email, account.publicKey));

  it('connections.create takes the key JSON as text, signs an assertion the endpoint verifies, and the action carries the token', async () => {
    const before = jwt.requests;
    const created = ok(
      await a.mutation('connections.create', {
        connectorId: 'grants-jwt',
        credentials: {
          serviceAccountKey: JSON.stringify({ ...account.key, token_uri: jwt.tokenUrl }),
          subject: 'ada@tenant-a.example.com',
        },
      }),
    );
    connectionId = created.id;
    expect(created).toMatchObject({ authKind: 'jwtBearer', status: 'active' });
    expect(jwt.requests).toBe(before + 1);
    const { header, claims } = jwt.assertions.at(-1) ?? { header: {}, claims: {} };
    expect(header).toMatchObject({ alg: 'RS256', kid: account.keyId });
    expect(claims).toMatchObject({
      iss: account.key.client_email,
      sub: 'ada@tenant-a.example.com',
      aud: jwt.tokenUrl,
      scope: 'https://www.googleapis.com/auth/drive.readonly',
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(1800);
    // The connector's `apply` put the token in its own header, and the API knew whom it was for.
    expect(ok(await call(a, 'grants-jwt', connectionId))).toEqual({ caller: 'ada@tenant-a.example.com' });
    const given = ok(await a.mutation('actions.grants-jwt.credentialKeys', { connectionId, input: {} }));
    expect(given).toEqual({ keys: ['accessToken', 'tokenType'] });
  });

  it('an expired token is fetched again once for a burst, with a new assertion', async () => {
    await expire(orgA, connectionId);
    const before = jwt.requests;
    const replies = await Promise.all(Array.from({ length: 20 }, () => call(a, 'grants-jwt', connectionId)));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(jwt.requests).toBe(before + 1);
    expect(ok(await a.mutation('connections.test', { id: connectionId }))).toMatchObject({ ok: true });
  });

  it('a key whose token_uri points elsewhere is refused at create: nothing signed, sent or stored', async () => {
    const count = await connectionCount();
    const before = jwt.requests;
    const reply = await a.mutation('connections.create', {
      connectorId: 'grants-jwt',
      credentials: { serviceAccountKey: { ...account.key, token_uri: 'http://127.0.0.1:9/steal' } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.data).toMatchObject({ path: 'serviceAccountKey.token_uri' });
    expect(JSON.stringify(reply.body)).not.toContain('PRIVATE KEY');
    expect(jwt.requests).toBe(before);
    expect(await connectionCount()).toBe(count);
  });

  it('a key the provider does not trust fails the create as AUTH_INVALID, never echoing the key', async () => {
    const stranger = generateServiceAccountKey('stranger@example.com');
    const reply = await a.mutation('connections.create', { connectorId: 'grants-jwt', credentials: { serviceAccountKey: stranger.key } });
    expect(reply.body.error.data).toMatchObject({ reason: 'AUTH_INVALID' });
    expect(reply.body.error.message).toContain('invalid_grant');
    expect(JSON.stringify(reply.body)).not.toContain('PRIVATE KEY');
  });

  it('a deleted key marks the connection needs_reauth at the next token request', async () => {
    jwt.distrust(account.keyId);
    try {
      await expire(orgA, connectionId);
      const refused = await call(a, 'grants-jwt', connectionId);
      expect(refused.body.error.data).toMatchObject({ reason: 'CONNECTION_INACTIVE', connectionStatus: 'needs_reauth' });
      expect(ok(await a.query('connections.get', { id: connectionId })).status).toBe('needs_reauth');
    } finally {
      jwt.trust(account.keyId, account.key.client_email, account.publicKey);
    }
  });

  it('the private key is stored sealed only, and never in answers, run records, last_error or logs', async () => {
    const body = account.key.private_key.split('\n')[1] ?? '';
    expect(body.length).toBeGreaterThan(20);
    const { rows } = await sql<{ row: string }>`select row_to_json(c)::text as row from connections c`.execute(server.db);
    const { rows: runs } = await sql<{ row: string }>`select row_to_json(r)::text as row from runs r`.execute(server.db);
    const answers = JSON.stringify([await a.query('connections.list'), await a.query('runs.list', { connectionId, limit: 100 })]);
    expect(logLines.length).toBeGreaterThan(0);
    for (const text of [...rows.map((r) => r.row), ...runs.map((r) => r.row), answers, ...logLines]) expect(text).not.toContain(body);
  });
});

describe('tenant isolation for grant connections', () => {
  it('each tenant’s calls use its own client’s token; neither can use, read or test the other’s connection', async () => {
    const mine = ok(
      await a.mutation('connections.create', { connectorId: 'grants-cc', credentials: { clientId: 'client-a', clientSecret: SECRET_A } }),
    ).id;
    const theirs = ok(
      await b.mutation('connections.create', { connectorId: 'grants-cc', credentials: { clientId: 'client-b', clientSecret: SECRET_B } }),
    ).id;
    expect(ok(await call(b, 'grants-cc', theirs))).toEqual({ caller: 'client-b' });
    expect(ok(await call(a, 'grants-cc', mine))).toEqual({ caller: 'client-a' });
    // Expired on both sides: B's burst refreshes B's connection with B's client only.
    await expire(orgA, mine);
    await expire(orgB, theirs);
    const before = cc.requests.length;
    await Promise.all(Array.from({ length: 10 }, () => call(b, 'grants-cc', theirs)));
    expect(cc.requests.slice(before).map((r) => r.clientId)).toEqual(['client-b']);
    for (const reply of [
      await call(b, 'grants-cc', mine),
      await b.query('connections.get', { id: mine }),
      await b.mutation('connections.test', { id: mine }),
    ]) {
      expect(reply.status).toBe(404);
    }
    expect(cc.requests.length).toBe(before + 1);
    expect(orgA).not.toBe(orgB);
  });
});

describe('grants through a connect link (the end user pastes the client secret or key file)', () => {
  it('client credentials: a wrong secret is shown on the page and saves nothing; the right one connects', async () => {
    ok(await a.mutation('orgs.setReturnOrigins', { origins: ['https://app.example.com'] }));
    const url = ok(await a.mutation('connectSessions.create', { connectorId: 'grants-cc', returnTo: 'https://app.example.com/done' }))
      .url as string;
    const page = await hop(url);
    expect(
      controlsOf(page.text)
        .filter((c) => c.type !== 'hidden')
        .map((c) => [c.name, c.type]),
    ).toEqual([
      ['credentials.clientId', 'text'],
      ['credentials.clientSecret', 'password'],
    ]);
    const count = await connectionCount();
    const wrong = await submitConnectForm(url, { 'credentials.clientId': 'client-a', 'credentials.clientSecret': 'not-the-secret-000' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('role="alert"');
    expect(await connectionCount()).toBe(count);
    const good = await submitConnectForm(url, { 'credentials.clientId': 'client-a', 'credentials.clientSecret': SECRET_A });
    const id = good.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await call(a, 'grants-cc', id)).caller).toBe('client-a');
  });

  it('a service-account key file pasted in the textarea connects', async () => {
    const account = generateServiceAccountKey('robot-link@tenant-a.iam.example.com');
    jwt.trust(account.keyId, account.key.client_email, account.publicKey);
    const url = ok(await a.mutation('connectSessions.create', { connectorId: 'grants-jwt', returnTo: 'https://app.example.com/done' }))
      .url as string;
    const pasted = JSON.stringify({ ...account.key, token_uri: jwt.tokenUrl }, null, 2);
    const res = await submitConnectForm(url, { 'credentials.serviceAccountKey': pasted });
    expect(res.status).toBe(302);
    const id = res.location?.searchParams.get('connection_id') ?? '';
    expect(ok(await a.query('connections.get', { id }))).toMatchObject({ authKind: 'jwtBearer', status: 'active' });
    expect(res.location?.toString()).not.toContain(account.key.private_key);
  });
});
