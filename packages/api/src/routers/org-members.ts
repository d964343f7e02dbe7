import { accountLink, createInvitation, deliver, invitationMail } from '@patchbay/auth';
import type { Role, TenantTx } from '@patchbay/db';
import { z } from 'zod';
import { forbidden, notFound } from '../domain-errors.ts';
import { adminProcedure, tenantProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { router } from '../trpc.ts';

const role = z.enum(['owner', 'admin', 'member']);
const userId = z.uuid();

async function ownerCount(tx: TenantTx): Promise<number> {
  const row = await tx
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'owner')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function currentRole(tx: TenantTx, user: string): Promise<Role> {
  const row = await tx.selectFrom('memberships').select('role').where('user_id', '=', user).executeTakeFirst();
  if (!row) throw notFound('Member');
  return row.role;
}

export const orgMembersRouter = router({
  /** Members with their roles. Invitations not yet accepted are in `orgs.invitations.list`. */
  list: tenantProcedure.query(({ ctx }) =>
    ctx.scoped(async (tx) => ({
      members: await tx
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id as userId', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at as joinedAt'])
        .orderBy('memberships.created_at')
        .execute(),
    })),
  ),

  /**
   * Invites by email: mails a link (7 days) and never adds a member. Whether the address has an
   * account is never looked up, so the answer, the mail and `orgs.invitations.list` are the same
   * either way; the invitee becomes a member only by accepting (`auth.acceptInvitation`).
   * Inviting the same address again replaces the earlier link and role.
   */
  invite: adminProcedure.input(z.object({ email: z.email().max(320), role })).mutation(async ({ ctx, input }) => {
    if (input.role === 'owner' && ctx.tenant.role !== 'owner') throw forbidden('Only owners can invite owners');
    const tenantId = ctx.tenant.id;
    const { token, organization } = await ctx.scoped(async (tx) => {
      const invitation = await createInvitation(tx, {
        tenantId,
        email: input.email,
        role: input.role,
        invitedBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      });
      const org = await tx.selectFrom('organizations').select('name').executeTakeFirstOrThrow();
      await audit(tx, tenantId, ctx.actor, 'member.invite', input.email, { role: input.role, invitationId: invitation.id });
      return { token: invitation.token, organization: org.name };
    });
    deliver(ctx.accounts, invitationMail(input.email, organization, input.role, accountLink(ctx.accounts, 'accept-invitation', token)));
    return { invited: input.email, role: input.role };
  }),

  remove: adminProcedure.input(z.object({ userId })).mutation(({ ctx, input }) =>
    ctx.scoped(async (tx) => {
      const role = await currentRole(tx, input.userId);
      if (role === 'owner' && ctx.tenant.role !== 'owner') throw forbidden('Only owners can remove owners');
      if (role === 'owner' && (await ownerCount(tx)) <= 1) throw forbidden('The last owner cannot be removed');
      await tx.deleteFrom('memberships').where('user_id', '=', input.userId).execute();
      await audit(tx, ctx.tenant.id, ctx.actor, 'member.remove', input.userId);
      return { removed: input.userId };
    }),
  ),

  setRole: adminProcedure.input(z.object({ userId, role })).mutation(({ ctx, input }) =>
    ctx.scoped(async (tx) => {
      const previous = await currentRole(tx, input.userId);
      if ((input.role === 'owner' || previous === 'owner') && ctx.tenant.role !== 'owner')
        throw forbidden('Only owners can grant or take the owner role');
      if (previous === 'owner' && input.role !== 'owner' && (await ownerCount(tx)) <= 1)
        throw forbidden('The last owner cannot be demoted');
      await tx.updateTable('memberships').set({ role: input.role }).where('user_id', '=', input.userId).execute();
      await audit(tx, ctx.tenant.id, ctx.actor, 'member.set_role', input.userId, { from: previous, to: input.role });
      return { userId: input.userId, role: input.role };
    }),
  ),
});
