import { z } from 'zod';
import { actorRef } from '../actor.ts';
import { connectionsWriteProcedure } from '../procedures.ts';
import { router } from '../trpc.ts';

export const connectSessionsRouter = router({
  /**
   * A single-use link an external frontend opens so one of its end users can connect an
   * account: OAuth, API key, basic or a grant's credentials, on Patchbay's connect page.
   * `returnTo` must be on one of the organization's allowed return origins.
   */
  create: connectionsWriteProcedure
    .input(
      z.object({
        connectorId: z.string().min(1).max(100),
        endUserId: z.string().min(1).max(200).optional(),
        returnTo: z.url().max(2000),
        /**
         * The connector's `connectionParams` (a Shopify shop), validated now: BAD_REQUEST at
         * `params.<field>`. Left out, the connect page asks the end user for them.
         */
        params: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const session = await ctx.engine.createConnectSession(ctx.tenant.id, { ...input, actor: actorRef(ctx.actor) });
      return { token: session.token, url: session.url, expiresAt: session.expiresAt.toISOString() };
    }),
});
