import { randomUUID } from 'node:crypto';
import { AuthError } from '@patchbay/auth';
import { withTenant } from '@patchbay/db';
import { httpOrigin } from '@patchbay/engine';
import { z } from 'zod';
import { adminProcedure, authedProcedure, sessionProcedure, tenantProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { keyOrganization, listUserOrganizations } from '../tenant/organizations.ts';
import { router } from '../trpc.ts';
import { orgInvitationsRouter } from './org-invitations.ts';
import { orgMembersRouter } from './org-members.ts';

export const orgsRouter = router({
  /** Creates an organization with the caller as its owner; the caller's email must be verified. */
  create: sessionProcedure.input(z.object({ name: z.string().trim().min(1).max(200) })).mutation(async ({ ctx, input }) => {
    if (!ctx.user.emailVerified) throw new AuthError('EMAIL_NOT_VERIFIED', 'Verify your email address before creating an organization');
    const id = randomUUID();
    await withTenant(ctx.db, id, async (tx) => {
      await tx.insertInto('organizations').values({ id, name: input.name }).execute();
      await tx.insertInto('memberships').values({ tenant_id: id, user_id: ctx.user.id, role: 'owner' }).execute();
      await audit(tx, id, { type: 'user', id: ctx.user.id }, 'org.create', id, { name: input.name });
    });
    return { id, name: input.name, role: 'owner' as const };
  }),

  /** The caller's organizations: a user's memberships, or an API key's own organization. */
  list: authedProcedure.query(({ ctx }) =>
    ctx.principal.kind === 'apiKey'
      ? keyOrganization(ctx.db, ctx.principal.tenantId)
      : listUserOrganizations(ctx.db, ctx.principal.user.id),
  ),

  /** The organization in scope, with its settings. */
  current: tenantProcedure.query(({ ctx }) =>
    ctx.scoped((tx) =>
      tx
        .selectFrom('organizations')
        .select(['id', 'name', 'allowed_return_origins as allowedReturnOrigins', 'created_at as createdAt'])
        .executeTakeFirstOrThrow(),
    ),
  ),

  /** Origins an OAuth flow may send the user back to (connect sessions' and dashboards' `returnTo`). */
  setReturnOrigins: adminProcedure
    .input(
      z.object({
        origins: z
          .array(
            z
              .url()
              .refine((value) => httpOrigin(value) === value.replace(/\/+$/, ''), 'must be a bare origin like https://app.example.com'),
          )
          .max(50),
      }),
    )
    .mutation(({ ctx, input }) => {
      const origins = [...new Set(input.origins.map((o) => httpOrigin(o) as string))];
      return ctx.scoped(async (tx) => {
        await tx.updateTable('organizations').set({ allowed_return_origins: origins }).where('id', '=', ctx.tenant.id).execute();
        await audit(tx, ctx.tenant.id, ctx.actor, 'org.set_return_origins', ctx.tenant.id, { origins });
        return { allowedReturnOrigins: origins };
      });
    }),

  members: orgMembersRouter,
  invitations: orgInvitationsRouter,
});
