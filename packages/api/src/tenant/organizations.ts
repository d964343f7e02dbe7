import { type Database, isUuid, type Role, withTenant, withUser } from '@patchbay/db';
import type { Kysely } from 'kysely';

export interface OrganizationSummary {
  id: string;
  name: string;
  role: Role;
}

/** The organizations a user belongs to, with their role in each. */
export function listUserOrganizations(db: Kysely<Database>, userId: string): Promise<OrganizationSummary[]> {
  return withUser(db, userId, (tx) =>
    tx
      .selectFrom('memberships')
      .innerJoin('organizations', 'organizations.id', 'memberships.tenant_id')
      .select(['organizations.id', 'organizations.name', 'memberships.role'])
      .where('memberships.user_id', '=', userId)
      .orderBy('organizations.created_at')
      .execute(),
  );
}

/** The one organization an API key belongs to. */
export async function keyOrganization(db: Kysely<Database>, tenantId: string): Promise<OrganizationSummary[]> {
  const org = await withTenant(db, tenantId, (tx) => tx.selectFrom('organizations').select(['id', 'name']).executeTakeFirst());
  return org ? [{ ...org, role: 'admin' }] : [];
}

/** The user's role in an organization, or undefined when they are not a member (or the id is not one). */
export async function membershipRole(db: Kysely<Database>, tenantId: string, userId: string): Promise<Role | undefined> {
  if (!isUuid(tenantId)) return undefined;
  const row = await withTenant(db, tenantId, (tx) =>
    tx.selectFrom('memberships').select('role').where('user_id', '=', userId).executeTakeFirst(),
  );
  return row?.role;
}
