import { randomUUID } from 'node:crypto';
import { appRouter } from '@patchbay/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, HttpSession, ok, type Reply } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

interface Tenant {
  org: string;
  owner: HttpSession;
  key: HttpSession;
  keyId: string;
  memberId: string;
}

let server: TestServer;
let A: Tenant;
let B: Tenant;

async function makeTenant(name: string): Promise<Tenant> {
  const owner = new HttpSession(server.url);
  ok(await owner.mutation('auth.signUp', { email: `${name}-owner-${Date.now()}@example.com`, password: 'a long unusual phrase' }));
  const org = ok(await owner.mutation('orgs.create', { name })).id as string;
  const admin = owner.withOrg(org);
  const member = new HttpSession(server.url);
  const memberEmail = `${name}-member-${Date.now()}@example.com`;
  const memberId = ok(await member.mutation('auth.signUp', { email: memberEmail, password: 'a long unusual phrase' })).user.id as string;
  ok(await admin.mutation('orgs.members.invite', { email: memberEmail, role: 'member' }));
  const created = ok(await admin.mutation('apiKeys.create', { name: `${name} key` }));
  return { org, owner: admin, key: HttpSession.withApiKey(server.url, created.key), keyId: created.id, memberId };
}

// A small pool so concurrent requests share connections, where leaked scope would show.
beforeAll(async () => {
  server = await startTestServer({ poolSize: 2 });
  A = await makeTenant('alpha');
  B = await makeTenant('beta');
});
afterAll(() => server.close());

/** Every tenant procedure that takes an id, and how to call it with a given id. */
const ID_PROCEDURES: Record<string, (as: HttpSession, target: { userId: string; keyId: string }) => Promise<Reply>> = {
  'orgs.members.remove': (as, t) => as.mutation('orgs.members.remove', { userId: t.userId }),
  'orgs.members.setRole': (as, t) => as.mutation('orgs.members.setRole', { userId: t.userId, role: 'admin' }),
  'apiKeys.revoke': (as, t) => as.mutation('apiKeys.revoke', { id: t.keyId }),
};

function procedurePaths(): string[] {
  // biome-ignore lint/suspicious/noExplicitAny: walking tRPC's router definition.
  const procedures = (appRouter as any)._def.procedures as Record<string, { _def: { inputs: { shape?: Record<string, unknown> }[] } }>;
  return Object.entries(procedures)
    .filter(([, p]) => p._def.inputs.some((input) => Object.keys(input.shape ?? {}).some((k) => k === 'id' || k.endsWith('Id'))))
    .map(([path]) => path)
    .sort();
}

describe('tenant isolation over real HTTP', () => {
  it('covers every procedure that takes an id', () => {
    expect(procedurePaths()).toEqual(Object.keys(ID_PROCEDURES).sort());
  });

  for (const [path, call] of Object.entries(ID_PROCEDURES)) {
    it(`${path}: another tenant's id is NOT_FOUND, exactly like an id that does not exist`, async () => {
      for (const as of [A.owner, A.key]) {
        const foreign = await call(as, { userId: B.memberId, keyId: B.keyId });
        const missing = await call(as, { userId: randomUUID(), keyId: randomUUID() });
        expect(foreign.status, path).toBe(404);
        expect(errorCode(foreign)).toBe('NOT_FOUND');
        expect(foreign.body.error.message).toBe(missing.body.error.message);
        expect(missing.status).toBe(404);
      }
      // B's member and key are untouched.
      expect(ok(await B.key.query('orgs.members.list')).members.map((m: { userId: string }) => m.userId)).toContain(B.memberId);
      expect(ok(await B.key.query('apiKeys.list')).find((k: { id: string }) => k.id === B.keyId)?.revokedAt).toBeNull();
    });
  }

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
