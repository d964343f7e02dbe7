import { randomBytes, randomUUID } from 'node:crypto';
import { sealWebhookSecret } from '@patchbay/engine';
import { z } from 'zod';
import { actorRef } from '../actor.ts';
import { notFound } from '../domain-errors.ts';
import { adminProcedure, tenantProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { router } from '../trpc.ts';
import { webhookDeliveriesRouter } from './webhook-deliveries.ts';

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

  /** Changes an endpoint's URL or event types (its secret stays; see `rotateSecret`). */
  update: adminProcedure
    .input(
      z
        .object({
          id: z.uuid(),
          url: z
            .url({ protocol: /^https?$/ })
            .max(2000)
            .optional(),
          events: z.array(z.enum(EVENTS)).min(1).max(EVENTS.length).optional(),
        })
        .refine((value) => value.url !== undefined || value.events !== undefined, { message: 'Give url, events or both' }),
    )
    .mutation(async ({ ctx, input }) => {
      const changes = { ...(input.url ? { url: input.url } : {}), ...(input.events ? { events: [...new Set(input.events)] } : {}) };
      const row = await ctx.scoped(async (tx) => {
        const updated = await tx
          .updateTable('webhook_endpoints')
          .set(changes)
          .where('id', '=', input.id)
          .returning(VIEW)
          .executeTakeFirst();
        if (updated) await audit(tx, ctx.tenant.id, ctx.actor, 'webhook.update', input.id, changes);
        return updated;
      });
      if (!row) throw notFound('Webhook endpoint');
      ctx.engine.events.invalidate(ctx.tenant.id);
      return row;
    }),

  /**
   * A new signing secret, in this response only; deliveries are signed with it from now on (a
   * delivery already being retried is signed with the new one too).
   */
  rotateSecret: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const row = await ctx.scoped(async (tx) => {
      const updated = await tx
        .updateTable('webhook_endpoints')
        .set({ secret_sealed: sealWebhookSecret(ctx.engine.ring, ctx.tenant.id, input.id, secret) })
        .where('id', '=', input.id)
        .returning('id')
        .executeTakeFirst();
      if (updated) await audit(tx, ctx.tenant.id, ctx.actor, 'webhook.rotate_secret', input.id);
      return updated;
    });
    if (!row) throw notFound('Webhook endpoint');
    return { id: input.id, secret };
  }),

  /** Posts a `webhook.test` event to the endpoint now and says how it answered. */
  test: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const result = await ctx.engine.sendTestWebhook(ctx.tenant.id, input.id);
    if (!result) throw notFound('Webhook endpoint');
    return result;
  }),

  deliveries: webhookDeliveriesRouter,

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
