import {
  acceptInvitation,
  changePassword,
  deleteAccount,
  invalidateSession,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signIn,
  signUp,
  verifyEmail,
} from '@patchbay/auth';
import { z } from 'zod';
import { authedProcedure, publicProcedure, sessionProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { listUserOrganizations } from '../tenant/organizations.ts';
import { router } from '../trpc.ts';

const email = z.email().max(320);
const password = z.string().min(1).max(1024);
/** Mailed tokens are 32 base64url characters; the bound only keeps junk out. */
const token = z.string().min(1).max(200);

export const authRouter = router({
  /**
   * Creates an account and mails a verification link; a taken email gets a mail to its owner
   * instead. The answer is the same either way and sets no session: sign in next.
   * `invitationToken` (from an invitation link) lets the sign-up through under PATCHBAY_SIGNUP=invite.
   */
  signUp: publicProcedure
    .input(z.object({ email, password, name: z.string().trim().min(1).max(200).optional(), invitationToken: token.optional() }))
    .mutation(({ ctx, input }) => signUp(ctx.db, { ...input, ip: ctx.clientIp() }, ctx.accounts)),

  /** Mails the signed-in user a new verification link (throttled per email and per address). */
  resendVerification: sessionProcedure.mutation(({ ctx }) => resendVerification(ctx.db, ctx.user, ctx.clientIp(), ctx.accounts)),

  /** Follows a verification link: single use, 24 hours. Works in any browser, signed in or not. */
  verifyEmail: publicProcedure.input(z.object({ token })).mutation(async ({ ctx, input }) => {
    await verifyEmail(ctx.db, input.token);
    return { verified: true as const };
  }),

  /** Mails a reset link if the address has an account; the answer is the same if it has none. */
  requestPasswordReset: publicProcedure.input(z.object({ email })).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx.db, input.email, ctx.clientIp(), ctx.accounts);
    return { checkEmail: true as const };
  }),

  /** Sets a new password from a reset link (single use, 1 hour) and ends every session of the account. */
  resetPassword: publicProcedure.input(z.object({ token, newPassword: password })).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.db, input);
    return { reset: true as const };
  }),

  /** Accepts an invitation from its mailed link: a signed-in, verified user whose email it was sent to. */
  acceptInvitation: sessionProcedure
    .input(z.object({ token }))
    .mutation(({ ctx, input }) =>
      acceptInvitation(ctx.db, ctx.user, input.token, (tx, invitation) =>
        audit(tx, invitation.tenantId, { type: 'user', id: ctx.user.id }, 'member.join', ctx.user.id, { role: invitation.role }),
      ),
    ),

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

  /** Removes the account and every session of it; refused (PRECONDITION_FAILED) while it is an organization's only owner. */
  deleteAccount: sessionProcedure.input(z.object({ password })).mutation(async ({ ctx, input }) => {
    await deleteAccount(ctx.db, { userId: ctx.user.id, password: input.password });
    ctx.cookies.clear();
    return { deleted: true as const };
  }),
});
