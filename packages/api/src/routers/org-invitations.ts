/**
 * @module Pending invitations of the organization in scope. An entry shows only what the
 * inviter typed (email, role) and when it lapses: nothing about whether the address has an account.
 */
import { z } from 'zod';
import { notFound } from '../domain-errors.ts';
import { adminProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { router } from '../trpc.ts';

export const orgInvitationsRouter = router({
  /** Invitations not yet accepted or revoked, oldest first; `expired` ones can be sent again with `orgs.members.invite`. */
  list: adminProcedure.query(({ ctx }) =>
    ctx.scoped(async (tx) => {
      const rows = await tx
        .selectFrom('invitations')
        .select(['id', 'email', 'role', 'created_at as createdAt', 'expires_at as expiresAt', 'token_hash'])
        .orderBy('created_at')
        .execute();
      const now = Date.now();
      return rows.map(({ token_hash, ...row }) => ({ ...row, expired: token_hash === null || row.expiresAt.getTime() <= now }));
    }),
  ),

  /** Withdraws an invitation: its link stops working at once. */
  revoke: adminProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) =>
    ctx.scoped(async (tx) => {
      const gone = await tx.deleteFrom('invitations').where('id', '=', input.id).returning('email').executeTakeFirst();
      if (!gone) throw notFound('Invitation');
      await audit(tx, ctx.tenant.id, ctx.actor, 'invitation.revoke', input.id, { email: gone.email });
      return { revoked: input.id };
    }),
  ),
});
