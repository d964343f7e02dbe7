import { changePassword, deleteAccount, invalidateSession, signIn, signUp } from '@patchbay/auth';
import { z } from 'zod';
import { authedProcedure, publicProcedure, sessionProcedure } from '../procedures.ts';
import { listUserOrganizations } from '../tenant/organizations.ts';
import { router } from '../trpc.ts';

const email = z.email().max(320);
const password = z.string().min(1).max(1024);

export const authRouter = router({
  /** Creates an account and signs in (sets the session cookie). */
  signUp: publicProcedure
    .input(z.object({ email, password, name: z.string().trim().min(1).max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      const result = await signUp(ctx.db, { ...input, ip: ctx.clientIp() });
      ctx.cookies.set(result.token, result.expiresAt);
      return { user: result.user };
    }),

  signIn: publicProcedure.input(z.object({ email, password })).mutation(async ({ ctx, input }) => {
    const result = await signIn(ctx.db, { ...input, ip: ctx.clientIp() });
    ctx.cookies.set(result.token, result.expiresAt);
    return { user: result.user };
  }),

  signOut: sessionProcedure.mutation(async ({ ctx }) => {
    await invalidateSession(ctx.db, ctx.principal.sessionId);
    ctx.cookies.clear();
    return { signedOut: true as const };
  }),

  /** Who is calling: the user and their organizations, or the API key and its organization. */
  me: authedProcedure.query(async ({ ctx }) => {
    const { principal } = ctx;
    if (principal.kind === 'apiKey') return { kind: 'apiKey' as const, apiKeyId: principal.keyId, organizationId: principal.tenantId };
    const organizations = await listUserOrganizations(ctx.db, principal.user.id);
    return { kind: 'user' as const, user: principal.user, organizations };
  }),

  /** Changes the password; every other session of this user is signed out. */
  changePassword: sessionProcedure
    .input(z.object({ currentPassword: password, newPassword: password }))
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx.db, { userId: ctx.user.id, sessionId: ctx.principal.sessionId, ...input });
      return { changed: true as const };
    }),

  /** Removes the account and every session of it. */
  deleteAccount: sessionProcedure.input(z.object({ password })).mutation(async ({ ctx, input }) => {
    await deleteAccount(ctx.db, { userId: ctx.user.id, password: input.password });
    ctx.cookies.clear();
    return { deleted: true as const };
  }),
});
