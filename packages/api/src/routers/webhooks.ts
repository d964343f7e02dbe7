import { randomBytes, randomUUID } from 'node:crypto';
import { sealWebhookSecret } from '@patchbay/engine';
import { z } from 'zod';
import { actorRef } from '../actor.ts';
import { notFound } from '../domain-errors.ts';
import { adminProcedure, tenantProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { router } from '../trpc.ts';

const EVENTS = ['run.completed', 'run.failed', 'connection.status_changed', 'trigger.event'] as const;

const VIEW = [
  'id',
  'url',
  'events',
  'created_at as createdAt',
  'last_delivery_at as lastDeliveryAt',
  'last_delivery_status as lastDeliveryStatus',
  'last_delivery_error as lastDeliveryError',
] as const;

export const webhooksRouter = router({
  /**
   * Adds an endpoint. Its signing secret is in this response only: deliveries carry
   * `patchbay-signature: t=<unix>,v1=<HMAC-SHA256(secret, "<t>.<body>")>`.
   */
  create: adminProcedure
    .input(
      z.object({
        url: z.url({ protocol: /^https?$/ }).max(2000),
        events: z.array(z.enum(EVENTS)).min(1).max(EVENTS.length),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const id = randomUUID();
      const secret = `whsec_${randomBytes(32).toString('base64url')}`;
      const events = [...new Set(input.events)];
      const row = await ctx.scoped(async (tx) => {
        const created = await tx
          .insertInto('webhook_endpoints')
          .values({
            tenant_id: ctx.tenant.id,
            id,
            url: input.url,
            secret_sealed: sealWebhookSecret(ctx.engine.ring, ctx.tenant.id, id, secret),
            events,
            created_by: actorRef(ctx.actor),
          })
          .returning(VIEW)
          .executeTakeFirstOrThrow();
        await audit(tx, ctx.tenant.id, ctx.actor, 'webhook.create', id, { url: input.url, events });
        return created;
      });
      ctx.engine.events.invalidate(ctx.tenant.id);
      return { ...row, secret };
    }),

  /** The endpoints with their last delivery outcome (never their secrets). */
  list: tenantProcedure.query(({ ctx }) =>
    ctx.scoped((tx) => tx.selectFrom('webhook_endpoints').select(VIEW).orderBy('created_at', 'desc').execute()),
  ),

  delete: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const deleted = await ctx.scoped(async (tx) => {
      const row = await tx.deleteFrom('webhook_endpoints').where('id', '=', input.id).returning('id').executeTakeFirst();
      if (row) await audit(tx, ctx.tenant.id, ctx.actor, 'webhook.delete', input.id);
      return row;
    });
    if (!deleted) throw notFound('Webhook endpoint');
    ctx.engine.events.invalidate(ctx.tenant.id);
    return { id: input.id, deleted: true as const };
  }),
});
