import { type Database, type Role, withTenant, withUser } from '@patchbay/db';
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
