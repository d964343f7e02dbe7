import { randomUUID } from 'node:crypto';
import { sealClientSecret } from '@patchbay/engine';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { notFound } from '../domain-errors.ts';
import { adminProcedure, tenantProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { router } from '../trpc.ts';

const connectorId = z.string().min(1).max(100);

export const oauthAppsRouter = router({
  /** Sets the tenant's OAuth app for a connector. The secret is sealed and never returned. */
  set: adminProcedure
    .input(
      z.object({
        connectorId,
        clientId: z.string().trim().min(1).max(500),
        clientSecret: z.string().min(1).max(2000),
        scopes: z.array(z.string().min(1).max(200)).max(100).optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const connector = ctx.engine.registry.get(input.connectorId);
      if (connector?.auth.kind !== 'oauth2')
        throw new TRPCError({ code: 'NOT_FOUND', message: 'No installed OAuth connector with this id' });
      const tenantId = ctx.tenant.id;
      return ctx.scoped(async (tx) => {
        const existing = await tx
          .selectFrom('oauth_apps')
          .select('id')
          .where('connector_id', '=', input.connectorId)
          .forUpdate()
          .executeTakeFirst();
        const id = existing?.id ?? randomUUID();
        const values = {
          client_id: input.clientId,
          client_secret_sealed: sealClientSecret(ctx.engine.ring, tenantId, id, input.clientSecret),
          scopes: input.scopes ?? null,
          updated_at: new Date(),
        };
        const row = existing
          ? await tx.updateTable('oauth_apps').set(values).where('id', '=', id).returning(['updated_at']).executeTakeFirstOrThrow()
          : await tx
              .insertInto('oauth_apps')
              .values({ tenant_id: tenantId, id, connector_id: input.connectorId, ...values })
              .returning(['updated_at'])
              .executeTakeFirstOrThrow();
        await audit(tx, tenantId, ctx.actor, 'oauth_app.set', input.connectorId, { clientId: input.clientId });
        return { connectorId: input.connectorId, clientId: input.clientId, scopes: input.scopes ?? null, updatedAt: row.updated_at };
      });
    }),

  /**
   * The tenant's OAuth apps (never their secrets), which connectors fall back to the operator's,
   * and the redirect URI every provider app must be registered with (built on the public URL,
   * which the dashboard cannot know: it may sit behind a proxy under another name).
   */
  list: tenantProcedure.query(async ({ ctx }) => {
    const own = await ctx.scoped((tx) =>
      tx
        .selectFrom('oauth_apps')
        .select(['connector_id as connectorId', 'client_id as clientId', 'scopes', 'updated_at as updatedAt'])
        .orderBy('connector_id')
        .execute(),
    );
    const operator = ctx.engine.registry
      .list()
      .filter((c) => ctx.engine.registry.oauthDefaults(c.id) && !own.some((o) => o.connectorId === c.id))
      .map((c) => ({ connectorId: c.id, source: 'operator' as const }));
    return { apps: own.map((o) => ({ ...o, source: 'tenant' as const })), operatorDefaults: operator, redirectUri: ctx.engine.redirectUri };
  }),

  remove: adminProcedure.input(z.object({ connectorId })).mutation(({ ctx, input }) =>
    ctx.scoped(async (tx) => {
      const row = await tx.deleteFrom('oauth_apps').where('connector_id', '=', input.connectorId).returning('id').executeTakeFirst();
      if (!row) throw notFound('OAuth app');
      await audit(tx, ctx.tenant.id, ctx.actor, 'oauth_app.remove', input.connectorId);
      return { connectorId: input.connectorId, removed: true as const };
    }),
  ),
});
