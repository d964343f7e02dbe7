/**
 * Invitation acceptance when DATABASE_URL is a non-superuser owner (REVIEW #16): the managed
 * Postgres case, where FORCE row-level security applies to the table owner too. The old
 * acceptance ran on the root handle and silently matched no row there.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { acceptInvitation, createInvitation } from '@patchbay/auth';
import { createKysely, createPool, type Database, migrateToLatest, withTenant } from '@patchbay/db';
import { dropDatabase } from '@patchbay/db/testing';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const suffix = randomBytes(4).toString('hex');
const owner = `patchbay_owner_${suffix}`;
const database = `patchbay_nonsuper_${suffix}`;
let admin: pg.Client;
let db: Kysely<Database>;

beforeAll(async () => {
  const { adminUrl } = inject('patchbayPostgres');
  admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create role ${owner} login createrole password 'owner-password'`);
  // What a managed Postgres gives its main user: it may hand the app roles to itself.
  for (const role of ['patchbay_app', 'patchbay_auth', 'patchbay_system']) {
    await admin.query(`grant ${role} to ${owner} with admin option`);
  }
  // A non-superuser admin (CI's managed-Postgres pass) may create a database for a role it belongs to.
  await admin.query(`grant ${owner} to current_user`);
  await admin.query(`create database ${database} owner ${owner}`);
  const url = new URL(adminUrl);
  url.username = owner;
  url.password = 'owner-password';
  url.pathname = `/${database}`;
  db = createKysely(createPool(url.toString(), 3));
  await migrateToLatest(db);
}, 60_000);
afterAll(async () => {
  await db?.destroy();
  await dropDatabase(inject('patchbayPostgres').adminUrl, database);
  await admin.query(`drop role if exists ${owner}`);
  await admin.end();
});

describe('accepting an invitation as a non-superuser table owner', () => {
  it('finds the invitation by its token and turns it into a membership', async () => {
    const { rows } = await admin.query<{ rolsuper: boolean }>('select rolsuper from pg_roles where rolname = $1', [owner]);
    expect(rows[0]?.rolsuper).toBe(false);
    const tenantId = randomUUID();
    const user = await db
      .insertInto('users')
      .values({ email: 'Invitee@Example.com', password_hash: 'x', email_verified_at: new Date() })
      .returning(['id', 'email'])
      .executeTakeFirstOrThrow();
    const { token } = await withTenant(db, tenantId, async (tx) => {
      await tx.insertInto('organizations').values({ id: tenantId, name: 'Managed' }).execute();
      return createInvitation(tx, { tenantId, email: 'invitee@example.com', role: 'admin', invitedBy: null });
    });
    // The owner itself sees no invitation: FORCE RLS holds for it, so acceptance cannot rely on the root handle.
    expect(await db.selectFrom('invitations').selectAll().execute()).toEqual([]);

    let audited = false;
    const accepted = await acceptInvitation(db, { id: user.id, email: user.email, emailVerified: true }, token, async () => {
      audited = true;
    });
    expect(accepted).toEqual({ organizationId: tenantId, role: 'admin' });
    expect(audited).toBe(true);
    const members = await withTenant(db, tenantId, (tx) => tx.selectFrom('memberships').select(['user_id', 'role']).execute());
    expect(members).toEqual([{ user_id: user.id, role: 'admin' }]);
    await expect(acceptInvitation(db, { id: user.id, email: user.email, emailVerified: true }, token, async () => {})).rejects.toThrow(
      /invalid, was revoked or has expired/,
    );
  });
});
