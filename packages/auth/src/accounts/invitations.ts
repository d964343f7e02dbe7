/**
 * @module Invitations are offers, accepted by the owner of the address: a mailed token (stored
 * hashed, 7 days) that a signed-in, verified user whose email matches turns into a membership.
 * Nothing here ever looks an account up by email, so inviting tells the inviter nothing.
 */
import { type Database, type Role, type TenantTx, withInvitationToken, withTenant } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';
import { AuthError } from './auth-error.ts';
import { randomToken, sha256Hex } from './tokens.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface PendingInvitation {
  tenantId: string;
  id: string;
  email: string;
  role: Role;
}

/**
 * Creates the tenant's invitation for `email`, or renews it (new token, role and expiry: the
 * earlier link stops working). Returns the token to mail; only its hash is kept.
 */
export async function createInvitation(
  tx: TenantTx,
  input: { tenantId: string; email: string; role: Role; invitedBy: string | null },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  const { rows } = await sql<{ id: string }>`
    insert into invitations (tenant_id, email, role, invited_by, token_hash, expires_at)
    values (${input.tenantId}, ${input.email}, ${input.role}, ${input.invitedBy}, ${sha256Hex(token)}, ${expiresAt})
    on conflict (tenant_id, lower(email)) do update
      set email = excluded.email, role = excluded.role, invited_by = excluded.invited_by,
          token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now()
    returning id`.execute(tx);
  const id = rows[0]?.id;
  if (!id) throw new Error('invitation insert returned no row');
  return { id, token, expiresAt };
}

/** The live invitation a token stands for, in whichever tenant, or undefined. */
export async function findInvitation(db: Kysely<Database>, token: string): Promise<PendingInvitation | undefined> {
  const row = await withInvitationToken(db, sha256Hex(token), (tx) =>
    tx.selectFrom('invitations').select(['tenant_id', 'id', 'email', 'role']).where('expires_at', '>', new Date()).executeTakeFirst(),
  );
  return row && { tenantId: row.tenant_id, id: row.id, email: row.email, role: row.role };
}

const INVALID_INVITATION = () => new AuthError('INVALID_TOKEN', 'This invitation link is invalid, was revoked or has expired');

export function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Accepts an invitation for a signed-in user. The invitation is deleted as it is used (single
 * use, even under concurrent accepts); `onAccepted` runs in the same tenant transaction (audit).
 * A user who is already a member keeps their role: an invitation never demotes.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  user: { id: string; email: string; emailVerified: boolean },
  token: string,
  onAccepted: (tx: TenantTx, accepted: PendingInvitation) => Promise<void>,
): Promise<{ organizationId: string; role: Role }> {
  if (!user.emailVerified) throw new AuthError('EMAIL_NOT_VERIFIED', 'Verify your email address before joining an organization');
  const invitation = await findInvitation(db, token);
  if (!invitation) throw INVALID_INVITATION();
  if (!sameEmail(invitation.email, user.email)) {
    throw new AuthError('INVITATION_FOR_ANOTHER_EMAIL', 'This invitation was sent to another email address; sign in with that account');
  }
  return withTenant(db, invitation.tenantId, async (tx) => {
    const used = await tx
      .deleteFrom('invitations')
      .where('id', '=', invitation.id)
      .where('token_hash', '=', sha256Hex(token))
      .where('expires_at', '>', new Date())
      .returning('role')
      .executeTakeFirst();
    if (!used) throw INVALID_INVITATION();
    const member = await tx
      .insertInto('memberships')
      .values({ tenant_id: invitation.tenantId, user_id: user.id, role: used.role })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ role: sql`memberships.role` }))
      .returning('role')
      .executeTakeFirstOrThrow();
    await onAccepted(tx, invitation);
    return { organizationId: invitation.tenantId, role: member.role };
  });
}
