/**
 * The permission matrix (README), enforced: every procedure's tier is read from the router
 * itself, so a procedure added later is covered, or fails here, without anyone listing it.
 */

import { type ApiMeta, createAppRouter } from '@patchbay/api';
import { API_KEY_SCOPES, type ApiKeyScope, scopeAllows } from '@patchbay/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from './testing/add-member.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { errorCode, HttpSession, ok, type Reply } from './testing/http-session.ts';
import { routerProcedures } from './testing/router-procedures.ts';
import { newVerifiedUser } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

interface Declared {
  path: string;
  type: 'query' | 'mutation';
  tier: string | undefined;
  scope: ApiKeyScope | undefined;
}

let provider: FakeProvider;
let server: TestServer;
let connectors: [ReturnType<typeof acmeOAuth>, ReturnType<typeof acmeKey>];
let owner: HttpSession;
let org: string;
let member: HttpSession;
let connectionId: string;

beforeAll(async () => {
  provider = await startFakeProvider();
  connectors = [acmeOAuth(provider), acmeKey(provider)];
  server = await startTestServer({ connectors });
  const { session: user } = await newVerifiedUser(server.url, server.outbox, `perm-${Date.now()}@example.com`);
  org = ok(await user.mutation('orgs.create', { name: 'Matrix' })).id;
  owner = user.withOrg(org);
  member = (await addMember(server, owner, org, 'member')).browser;
  connectionId = ok(await owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } })).id;
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});

function declared(): Declared[] {
  const procedures = routerProcedures<{ type: Declared['type']; meta?: ApiMeta }>(createAppRouter(connectors));
  return Object.entries(procedures).map(([path, p]) => ({
    path,
    type: p._def.type,
    tier: p._def.meta?.access?.tier,
    scope: p._def.meta?.access?.scope,
  }));
}

/** Calls a procedure with no input: access is decided before the input is even parsed. */
const call = (as: HttpSession, p: Declared): Promise<Reply> => (p.type === 'query' ? as.query(p.path) : as.mutation(p.path, null));

const tenantTiers = () => declared().filter((p) => p.tier === 'member' || p.tier === 'admin' || p.tier === 'key');

describe('the permission matrix, generated from the router', () => {
  it('every procedure declares its tier, and every tenant procedure the API-key scope it needs', () => {
    const all = declared();
    expect(all.filter((p) => !['public', 'authed', 'session', 'member', 'admin', 'key'].includes(p.tier ?? '')).map((p) => p.path)).toEqual(
      [],
    );
    expect(
      tenantTiers()
        .filter((p) => !API_KEY_SCOPES.includes(p.scope as ApiKeyScope))
        .map((p) => p.path),
    ).toEqual([]);
    const admin = all.filter((p) => p.tier === 'admin').map((p) => p.path);
    expect(admin).toEqual(expect.arrayContaining(['apiKeys.create', 'orgs.members.invite', 'oauthApps.set', 'connections.create']));
  });

  it('a member gets FORBIDDEN from every admin procedure, and passes the role check of every member procedure', async () => {
    for (const p of tenantTiers()) {
      const reply = await call(member, p);
      if (p.tier === 'admin' || p.tier === 'key') {
        expect(reply.status, p.path).toBe(403);
        expect(errorCode(reply), p.path).toBe('FORBIDDEN');
      } else {
        expect(errorCode(reply), p.path).not.toBe('FORBIDDEN');
      }
    }
  });

  it('a key with only actions:run runs actions, and gets FORBIDDEN from everything its scope does not allow', async () => {
    const narrow = ok(await owner.mutation('apiKeys.create', { name: 'runner', scopes: ['actions:run'] }));
    expect(narrow.scopes).toEqual(['actions:run']);
    const key = HttpSession.withApiKey(server.url, narrow.key);
    expect(ok(await key.mutation('actions.acme-key.echo', { connectionId, input: { message: 'hi' } }))).toMatchObject({ message: 'hi' });
    for (const [path, input] of [
      ['apiKeys.create', { name: 'escalate', scopes: ['admin'] }],
      ['orgs.members.invite', { email: 'someone@example.com', role: 'admin' }],
      ['oauthApps.set', { connectorId: 'acme-oauth', clientId: 'x', clientSecret: 'y' }],
    ] as const) {
      expect(errorCode(await key.mutation(path, input)), path).toBe('FORBIDDEN');
    }
    for (const p of tenantTiers()) {
      const reply = await call(key, p);
      if (scopeAllows(['actions:run'], p.scope ?? 'admin')) expect(errorCode(reply), p.path).not.toBe('FORBIDDEN');
      else expect(errorCode(reply), p.path).toBe('FORBIDDEN');
    }
  });

  it('key-only procedures refuse every signed-in user and every key without their scope by name, admin keys included', async () => {
    const keyOnly = declared().filter((p) => p.tier === 'key');
    expect(keyOnly.map((p) => p.path)).toContain('connections.credentials');
    const admin = HttpSession.withApiKey(server.url, ok(await owner.mutation('apiKeys.create', { name: 'all' })).key);
    for (const p of keyOnly) {
      for (const as of [owner, member, admin]) expect(errorCode(await call(as, p)), p.path).toBe('FORBIDDEN');
      const scoped = ok(await owner.mutation('apiKeys.create', { name: p.path, scopes: [p.scope] }));
      expect(errorCode(await call(HttpSession.withApiKey(server.url, scoped.key), p)), p.path).not.toBe('FORBIDDEN');
    }
  });

  it('connections:write creates connections and connect links but not keys; connections:read only reads', async () => {
    const writer = HttpSession.withApiKey(
      server.url,
      ok(await owner.mutation('apiKeys.create', { name: 'w', scopes: ['connections:write'] })).key,
    );
    ok(await writer.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }));
    expect(ok(await writer.query('connections.list')).connections.length).toBeGreaterThan(0);
    expect(errorCode(await writer.mutation('apiKeys.create', { name: 'x' }))).toBe('FORBIDDEN');
    const reader = HttpSession.withApiKey(
      server.url,
      ok(await owner.mutation('apiKeys.create', { name: 'r', scopes: ['connections:read'] })).key,
    );
    ok(await reader.query('connections.get', { id: connectionId }));
    expect(errorCode(await reader.mutation('connections.delete', { id: connectionId }))).toBe('FORBIDDEN');
    expect(errorCode(await reader.mutation('actions.acme-key.echo', { connectionId, input: { message: 'x' } }))).toBe('FORBIDDEN');
  });
});

describe('API key expiry and orphaned keys', () => {
  it('an expired key is UNAUTHORIZED, like a revoked one; an expiry in the past is refused at creation', async () => {
    const made = ok(
      await owner.mutation('apiKeys.create', {
        name: 'short',
        scopes: ['runs:read'],
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      }),
    );
    const key = HttpSession.withApiKey(server.url, made.key);
    ok(await key.query('runs.list'));
    await server.db
      .updateTable('api_keys')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', made.id)
      .execute();
    const refused = await key.query('runs.list');
    expect(refused.status).toBe(401);
    expect(errorCode(refused)).toBe('UNAUTHORIZED');
    const past = await owner.mutation('apiKeys.create', { name: 'past', expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(errorCode(past)).toBe('BAD_REQUEST');
  });

  it('keys minted by a member since removed are listed as such and revoked in bulk; the others keep working (I-1)', async () => {
    const leaver = await addMember(server, owner, org, 'admin');
    const leaversKey = ok(await leaver.browser.mutation('apiKeys.create', { name: 'leaver' }));
    const ownersKey = ok(await owner.mutation('apiKeys.create', { name: 'stays' }));
    const leaverId = ok(await leaver.browser.query('auth.me')).user.id;
    ok(await owner.mutation('orgs.members.remove', { userId: leaverId }));
    const listed = ok(await owner.query('apiKeys.list'));
    expect(listed.find((k: { id: string }) => k.id === leaversKey.id)).toMatchObject({
      createdBy: leaverId,
      creatorRemoved: true,
      revokedAt: null,
    });
    expect(listed.find((k: { id: string }) => k.id === ownersKey.id)).toMatchObject({ creatorRemoved: false, scopes: ['admin'] });
    expect(ok(await owner.mutation('apiKeys.revokeOrphaned')).revoked).toEqual([leaversKey.id]);
    expect((await HttpSession.withApiKey(server.url, leaversKey.key).query('runs.list')).status).toBe(401);
    ok(await HttpSession.withApiKey(server.url, ownersKey.key).query('runs.list'));
  });
});

describe('the owner role (REVIEW #12: not only the last-owner rule)', () => {
  it('the last owner can neither be demoted nor removed', async () => {
    const { session: sole } = await newVerifiedUser(server.url, server.outbox, `sole-${Date.now()}@example.com`);
    const own = sole.withOrg(ok(await sole.mutation('orgs.create', { name: 'Sole' })).id);
    const me = ok(await sole.query('auth.me')).user.id;
    for (const reply of [
      await own.mutation('orgs.members.setRole', { userId: me, role: 'admin' }),
      await own.mutation('orgs.members.remove', { userId: me }),
    ]) {
      expect(reply.status).toBe(403);
      expect(reply.body.error.message).toMatch(/^The last owner/);
    }
  });

  it('with two owners, an admin can neither demote, remove nor create an owner; an owner can', async () => {
    const second = await addMember(server, owner, org, 'owner');
    const admin = await addMember(server, owner, org, 'admin');
    const plain = await addMember(server, owner, org, 'member');
    for (const reply of [
      await admin.browser.mutation('orgs.members.setRole', { userId: second.userId, role: 'admin' }),
      await admin.browser.mutation('orgs.members.remove', { userId: second.userId }),
      await admin.browser.mutation('orgs.members.setRole', { userId: plain.userId, role: 'owner' }),
      await admin.browser.mutation('orgs.members.invite', { email: `owner-${Date.now()}@example.com`, role: 'owner' }),
    ]) {
      expect(reply.status).toBe(403);
      expect(reply.body.error.message).toMatch(/^Only owners/);
    }
    ok(await owner.mutation('orgs.members.setRole', { userId: plain.userId, role: 'owner' }));
    ok(await owner.mutation('orgs.members.setRole', { userId: second.userId, role: 'admin' }));
    ok(await owner.mutation('orgs.members.remove', { userId: second.userId }));
  });
});
