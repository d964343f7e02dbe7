import { randomUUID } from 'node:crypto';
import { withTenant } from '@patchbay/db';
import { z } from 'zod';
import { authedProcedure, sessionProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { keyOrganization, listUserOrganizations } from '../tenant/organizations.ts';
import { router } from '../trpc.ts';
import { orgMembersRouter } from './org-members.ts';

export const orgsRouter = router({
  /** Creates an organization with the caller as its owner. */
  create: sessionProcedure.input(z.object({ name: z.string().trim().min(1).max(200) })).mutation(async ({ ctx, input }) => {
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

  members: orgMembersRouter,
});
