import { randomUUID } from 'node:crypto';
import { createAppRouter } from '@patchbay/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAcmeEvent } from './sdk2/triggers-connector.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { errorCode, HttpSession, ok, type Reply } from './testing/http-session.ts';
import { routerProcedures } from './testing/router-procedures.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

interface Tenant {
  org: string;
  owner: HttpSession;
  key: HttpSession;
  /** A key made with `credentials:read`, the only caller of key-only procedures. */
  credentialsKey: HttpSession;
  keyId: string;
  memberId: string;
  invitationId: string;
  connectionId: string;
  runId: string;
  webhookId: string;
  deliveryId: string;
  subscriptionId: string;
}

let server: TestServer;
let provider: FakeProvider;
let connectors: ReturnType<typeof acmeConnectors>;
const acmeConnectors = (p: FakeProvider) => [acmeOAuth(p), acmeKey(p)] as const;
let A: Tenant;
let B: Tenant;

async function makeTenant(name: string): Promise<Tenant> {
  const owner = new HttpSession(server.url);
  await signUpVerified(owner, server.outbox, `${name}-owner-${Date.now()}@example.com`);
  const org = ok(await owner.mutation('orgs.create', { name })).id as string;
  const admin = owner.withOrg(org);
  const member = new HttpSession(server.url);
  const memberEmail = `${name}-member-${Date.now()}@example.com`;
  const memberId = (await signUpVerified(member, server.outbox, memberEmail)).id;
  ok(await admin.mutation('orgs.members.invite', { email: memberEmail, role: 'member' }));
  ok(await member.mutation('auth.acceptInvitation', { token: await server.outbox.token(memberEmail, 'accept-invitation') }));
  ok(await admin.mutation('orgs.members.invite', { email: `${name}-pending@example.com`, role: 'member' }));
  const invitationId = ok(await admin.query('orgs.invitations.list'))[0].id as string;
  const created = ok(await admin.mutation('apiKeys.create', { name: `${name} key` }));
  const connectionId = ok(
    await admin.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
  ).id;
  ok(await admin.mutation('actions.acme-key.echo', { connectionId, input: { message: name } }));
  const runId = ok(await admin.query('runs.list', { connectionId })).runs[0].id;
  const webhookId = ok(await admin.mutation('webhooks.create', { url: 'https://hooks.example.com/patchbay', events: ['run.failed'] })).id;
  // A test event leaves a delivery row whatever the endpoint answers.
  ok(await admin.mutation('webhooks.test', { id: webhookId }));
  const deliveryId = ok(await admin.query('webhooks.deliveries.list', { endpointId: webhookId })).deliveries[0].id as string;
  ok(await admin.mutation('oauthApps.set', { connectorId: 'acme-oauth', clientId: `${name}-client`, clientSecret: `${name}-secret` }));
  ok(await admin.mutation('orgs.setReturnOrigins', { origins: [`https://${name}.example.com`] }));
  const secret = `${name}-trigger-secret`;
  const sub = ok(await admin.mutation('triggers.subscribe', { connectionId, trigger: 'notification', signingSecret: secret }));
  const hookBody = JSON.stringify({ id: `${name}-event-1`, team: name, text: 'hello' });
  const stored = await fetch(sub.url, { method: 'POST', body: hookBody, headers: signAcmeEvent(hookBody, secret) });
  if (stored.status !== 200) throw new Error(`hook answered ${stored.status}`);
  return {
    org,
    owner: admin,
    key: HttpSession.withApiKey(server.url, created.key),
    credentialsKey: HttpSession.withApiKey(
      server.url,
      ok(await admin.mutation('apiKeys.create', { name: `${name} tokens`, scopes: ['credentials:read'] })).key,
    ),
    keyId: created.id,
    memberId,
    invitationId,
    connectionId,
    runId,
    webhookId,
    deliveryId,
    subscriptionId: sub.id,
  };
}

// A small pool so concurrent requests share connections, where leaked scope would show.
beforeAll(async () => {
  provider = await startFakeProvider();
  connectors = acmeConnectors(provider);
  server = await startTestServer({ poolSize: 2, connectors: [...connectors] });
  A = await makeTenant('alpha');
  B = await makeTenant('beta');
});
afterAll(async () => {
  await server.close();
  await provider.stop();
});

type Target = {
  userId: string;
  keyId: string;
  invitationId: string;
  connectionId: string;
  runId: string;
  webhookId: string;
  deliveryId: string;
  subscriptionId: string;
};

/** Every tenant procedure that takes an id, and how to call it with a given id. */
const ID_PROCEDURES: Record<string, (as: HttpSession, target: Target) => Promise<Reply>> = {
  'orgs.members.remove': (as, t) => as.mutation('orgs.members.remove', { userId: t.userId }),
  'orgs.members.setRole': (as, t) => as.mutation('orgs.members.setRole', { userId: t.userId, role: 'admin' }),
  'orgs.invitations.revoke': (as, t) => as.mutation('orgs.invitations.revoke', { id: t.invitationId }),
  'apiKeys.revoke': (as, t) => as.mutation('apiKeys.revoke', { id: t.keyId }),
  'connections.get': (as, t) => as.query('connections.get', { id: t.connectionId }),
  'connections.test': (as, t) => as.mutation('connections.test', { id: t.connectionId }),
  'connections.delete': (as, t) => as.mutation('connections.delete', { id: t.connectionId }),
  'connections.discover': (as, t) => as.query('connections.discover', { id: t.connectionId }),
  'connections.setAccount': (as, t) => as.mutation('connections.setAccount', { id: t.connectionId, accountId: 'p1' }),
  'runs.get': (as, t) => as.query('runs.get', { id: t.runId }),
  'webhooks.delete': (as, t) => as.mutation('webhooks.delete', { id: t.webhookId }),
  'webhooks.update': (as, t) => as.mutation('webhooks.update', { id: t.webhookId, events: ['run.completed'] }),
  'webhooks.rotateSecret': (as, t) => as.mutation('webhooks.rotateSecret', { id: t.webhookId }),
  'webhooks.test': (as, t) => as.mutation('webhooks.test', { id: t.webhookId }),
  'webhooks.deliveries.get': (as, t) => as.query('webhooks.deliveries.get', { id: t.deliveryId }),
  'webhooks.deliveries.redeliver': (as, t) => as.mutation('webhooks.deliveries.redeliver', { id: t.deliveryId }),
  'triggers.subscribe': (as, t) =>
    as.mutation('triggers.subscribe', { connectionId: t.connectionId, trigger: 'notification', signingSecret: 'another-secret' }),
  'triggers.unsubscribe': (as, t) => as.mutation('triggers.unsubscribe', { id: t.subscriptionId }),
  'runs.cancel': (as, t) => as.mutation('runs.cancel', { id: t.runId }),
  'runs.enqueue': (as, t) =>
    as.mutation('runs.enqueue', { connectionId: t.connectionId, connectorId: 'acme-key', action: 'echo', input: { message: 'x' } }),
  'actions.acme-key.echo': (as, t) => as.mutation('actions.acme-key.echo', { connectionId: t.connectionId, input: { message: 'x' } }),
  'actions.acme-key.scripted': (as, t) => as.mutation('actions.acme-key.scripted', { connectionId: t.connectionId, input: {} }),
  'actions.acme-key.slow': (as, t) => as.mutation('actions.acme-key.slow', { connectionId: t.connectionId, input: { ms: 0 } }),
  'actions.acme-oauth.whoami': (as, t) => as.mutation('actions.acme-oauth.whoami', { connectionId: t.connectionId, input: {} }),
};

/** Key-only procedures that take an id, called with the tenant's `credentials:read` key. */
const KEY_ID_PROCEDURES: Record<string, (as: HttpSession, target: Target) => Promise<Reply>> = {
  'connections.credentials': (as, t) => as.mutation('connections.credentials', { id: t.connectionId }),
};

/** Procedures whose id is a list filter: another tenant's id filters down to nothing. */
const ID_FILTERS: Record<
  string,
  (as: HttpSession, target: Pick<Target, 'connectionId' | 'subscriptionId' | 'webhookId'>) => Promise<unknown[]>
> = {
  'webhooks.deliveries.list': async (as, t) => ok(await as.query('webhooks.deliveries.list', { endpointId: t.webhookId })).deliveries,
  'runs.list': async (as, t) => ok(await as.query('runs.list', { connectionId: t.connectionId })).runs,
  'triggers.list': async (as, t) => ok(await as.query('triggers.list', { connectionId: t.connectionId })),
  'events.list': async (as, t) => [
    ...ok(await as.query('events.list', { subscriptionId: t.subscriptionId })).events,
    ...ok(await as.query('events.list', { connectionId: t.connectionId })).events,
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: walking zod's definitions.
type AnySchema = any;
const unwrap = (schema: AnySchema): AnySchema => (schema?._zod?.def?.innerType ? unwrap(schema._zod.def.innerType) : schema);
const takesUuid = (input: AnySchema) =>
  Object.values(unwrap(input)?.shape ?? {}).some((field) => unwrap(field)?._zod?.def?.format === 'uuid');

function procedurePaths(): string[] {
  const procedures = routerProcedures<{ inputs: AnySchema[] }>(createAppRouter(connectors));
  return Object.entries(procedures)
    .filter(([, p]) => p._def.inputs.some(takesUuid))
    .map(([path]) => path)
    .sort();
}

describe('tenant isolation over real HTTP', () => {
  it('covers every procedure that takes an id', () => {
    expect(procedurePaths()).toEqual([...Object.keys(ID_PROCEDURES), ...Object.keys(KEY_ID_PROCEDURES), ...Object.keys(ID_FILTERS)].sort());
  });

  for (const [path, list] of Object.entries(ID_FILTERS)) {
    it(`${path}: filtering by another tenant's id finds nothing`, async () => {
      for (const as of [A.owner, A.key]) expect(await list(as, B)).toEqual([]);
      expect(await list(B.key, B)).not.toEqual([]);
    });
  }

  for (const [path, call] of Object.entries(ID_PROCEDURES)) {
    it(`${path}: another tenant's id is NOT_FOUND, exactly like an id that does not exist`, async () => {
      for (const as of [A.owner, A.key]) {
        const foreign = await call(as, { ...B, userId: B.memberId });
        const missing = await call(as, {
          userId: randomUUID(),
          keyId: randomUUID(),
          invitationId: randomUUID(),
          connectionId: randomUUID(),
          runId: randomUUID(),
          webhookId: randomUUID(),
          deliveryId: randomUUID(),
          subscriptionId: randomUUID(),
        });
        expect(foreign.status, path).toBe(404);
        expect(errorCode(foreign)).toBe('NOT_FOUND');
        expect(foreign.body.error.message).toBe(missing.body.error.message);
        expect(missing.status).toBe(404);
      }
      // B's member and key are untouched.
      expect(ok(await B.key.query('orgs.members.list')).members.map((m: { userId: string }) => m.userId)).toContain(B.memberId);
      expect(ok(await B.key.query('orgs.invitations.list')).map((i: { id: string }) => i.id)).toEqual([B.invitationId]);
      expect(ok(await B.key.query('apiKeys.list')).find((k: { id: string }) => k.id === B.keyId)?.revokedAt).toBeNull();
      expect(ok(await B.key.query('connections.get', { id: B.connectionId })).status).toBe('active');
      expect(ok(await B.key.query('runs.get', { id: B.runId })).status).toBe('succeeded');
      expect(ok(await B.key.query('webhooks.list')).map((w: { id: string }) => w.id)).toEqual([B.webhookId]);
      expect(ok(await B.key.query('triggers.list')).map((t: { id: string }) => t.id)).toEqual([B.subscriptionId]);
      expect(ok(await B.key.query('events.list')).events.map((e: { providerEventId: string }) => e.providerEventId)).toEqual([
        'beta-event-1',
      ]);
    });
  }

  for (const [path, call] of Object.entries(KEY_ID_PROCEDURES)) {
    it(`${path}: another tenant's id is NOT_FOUND for a credentials:read key, exactly like an id that does not exist`, async () => {
      const foreign = await call(A.credentialsKey, { ...B, userId: B.memberId });
      const missing = await call(A.credentialsKey, { ...B, userId: B.memberId, connectionId: randomUUID() });
      expect(foreign.status, path).toBe(404);
      expect(errorCode(foreign)).toBe('NOT_FOUND');
      expect(foreign.body.error.message).toBe(missing.body.error.message);
      expect(missing.status).toBe(404);
      // Its own tenant's id passes the lookup (an API-key connection has no token to give).
      expect((await call(A.credentialsKey, { ...A, userId: A.memberId })).body.error.data).toMatchObject({
        code: 'PRECONDITION_FAILED',
        reason: 'NO_ACCESS_TOKEN',
      });
    });
  }

  it('procedures without an id (lists, settings, name-keyed removals) see and touch only their own tenant', async () => {
    for (const as of [A.owner, A.key]) {
      expect(ok(await as.query('connections.list')).connections.map((c: { id: string }) => c.id)).toEqual([A.connectionId]);
      expect(ok(await as.query('runs.list')).runs.map((r: { id: string }) => r.id)).not.toContain(B.runId);
      expect(ok(await as.query('webhooks.list')).map((w: { id: string }) => w.id)).toEqual([A.webhookId]);
      expect(ok(await as.query('triggers.list')).map((t: { id: string }) => t.id)).toEqual([A.subscriptionId]);
      expect(ok(await as.query('events.list')).events.map((e: { providerEventId: string }) => e.providerEventId)).toEqual([
        'alpha-event-1',
      ]);
      expect(ok(await as.query('oauthApps.list')).apps.map((a: { clientId: string }) => a.clientId)).toEqual(['alpha-client']);
      expect(ok(await as.query('orgs.current')).allowedReturnOrigins).toEqual(['https://alpha.example.com']);
      const audited = ok(await as.query('audit.list', { limit: 200 })).entries.map((e: { target: string | null }) => e.target);
      expect(audited).toContain(A.webhookId);
      expect(audited).not.toContain(B.webhookId);
      const now = Date.now();
      const range = { from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 60_000).toISOString(), bucket: 'hour' };
      expect(ok(await as.query('runs.stats', range)).totals.runs).toBe(ok(await as.query('runs.list', { limit: 200 })).runs.length);
    }
    const link = await A.key.mutation('connectSessions.create', { connectorId: 'acme-oauth', returnTo: 'https://beta.example.com/done' });
    expect(link.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'RETURN_TO_NOT_ALLOWED' });
    ok(await A.owner.mutation('oauthApps.remove', { connectorId: 'acme-oauth' }));
    expect((await A.owner.mutation('oauthApps.remove', { connectorId: 'acme-oauth' })).status).toBe(404);
    expect(ok(await B.key.query('oauthApps.list')).apps.map((a: { clientId: string }) => a.clientId)).toEqual(['beta-client']);
    expect(ok(await B.key.query('orgs.current')).allowedReturnOrigins).toEqual(['https://beta.example.com']);
  });

  it('a connect link of tenant A creates in A only: the form cannot name a tenant, B cannot see the connection', async () => {
    const url = ok(await A.key.mutation('connectSessions.create', { connectorId: 'acme-key', returnTo: 'https://alpha.example.com/done' }))
      .url as string;
    const link = new URL(url);
    const res = await fetch(new URL(link.pathname, link), {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        connect_token: link.searchParams.get('connect_token') ?? '',
        'credentials.apiKey': GOOD_API_KEY,
        org: B.org,
        tenant_id: B.org,
      }),
    });
    expect(res.status).toBe(302);
    const id = new URL(res.headers.get('location') ?? '').searchParams.get('connection_id') ?? '';
    expect(ok(await A.key.query('connections.get', { id })).connectorId).toBe('acme-key');
    expect(errorCode(await B.key.query('connections.get', { id }))).toBe('NOT_FOUND');
    const inB = await server.db.selectFrom('connections').select('id').where('tenant_id', '=', B.org).where('id', '=', id).execute();
    expect(inB).toEqual([]);
  });

  it('200 interleaved requests from two tenants on a pool of 2 never see the other tenant', async () => {
    const calls = Array.from({ length: 200 }, (_, i) => {
      const tenant = i % 2 ? A : B;
      const as = i % 4 < 2 ? tenant.key : tenant.owner;
      const procedure = i % 3 ? 'apiKeys.list' : 'orgs.members.list';
      return as.query(procedure).then((reply) => ({ tenant, procedure, data: ok(reply) }));
    });
    for (const { tenant, procedure, data } of await Promise.all(calls)) {
      const other = tenant === A ? B : A;
      if (procedure === 'apiKeys.list') {
        const ids = data.map((k: { id: string }) => k.id);
        expect(ids).toContain(tenant.keyId);
        expect(ids).not.toContain(other.keyId);
      } else {
        const ids = data.members.map((m: { userId: string }) => m.userId);
        expect(ids).toContain(tenant.memberId);
        expect(ids).not.toContain(other.memberId);
      }
    }
  });
});
