/**
 * @module `webhooks.deliveries`: what was sent to the tenant's endpoints, newest first, with the
 * outcome of the last attempt and how many attempts there were; and sending one again.
 */
import { z } from 'zod';
import { notFound } from '../domain-errors.ts';
import { adminProcedure, tenantProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { afterRunCursor, cursorMicros, cursorPage, decodeRunCursor } from '../tenant/run-cursor.ts';
import { router } from '../trpc.ts';

const VIEW = [
  'id',
  'endpoint_id as endpointId',
  'event_id as eventId',
  'event_type as eventType',
  'status',
  'attempts',
  'response_status as responseStatus',
  'error',
  'duration_ms as durationMs',
  'created_at as createdAt',
  'last_attempt_at as lastAttemptAt',
] as const;

export const webhookDeliveriesRouter = router({
  /** Deliveries, newest first; pass `nextCursor` back as `cursor`. The event body is in `get`. */
  list: tenantProcedure
    .input(
      z
        .object({
          endpointId: z.uuid().optional(),
          status: z.enum(['delivered', 'failed']).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const limit = input?.limit ?? 50;
      const cursor = input?.cursor ? decodeRunCursor(input.cursor) : undefined;
      const rows = await ctx.scoped((tx) => {
        let q = tx
          .selectFrom('webhook_deliveries')
          .select([...VIEW, cursorMicros().as('cursorMicros')])
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1);
        if (input?.endpointId) q = q.where('endpoint_id', '=', input.endpointId);
        if (input?.status) q = q.where('status', '=', input.status);
        if (cursor) q = q.where(afterRunCursor(cursor));
        return q.execute();
      });
      const { items, nextCursor } = cursorPage(rows, limit);
      return { deliveries: items, nextCursor };
    }),

  /** One delivery with the event as it was sent. */
  get: tenantProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const row = await ctx.scoped((tx) =>
      tx
        .selectFrom('webhook_deliveries')
        .select([...VIEW, 'event'])
        .where('id', '=', input.id)
        .executeTakeFirst(),
    );
    if (!row) throw notFound('Webhook delivery');
    return row;
  }),

  /** Queues the same event (same id) to the same endpoint again; its row counts the new attempt. */
  redeliver: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const row = await ctx.scoped(async (tx) => {
      const found = await tx
        .selectFrom('webhook_deliveries')
        .select(['endpoint_id', 'event'])
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (found) await audit(tx, ctx.tenant.id, ctx.actor, 'webhook.redeliver', input.id);
      return found;
    });
    if (!row) throw notFound('Webhook delivery');
    await ctx.engine.redeliverWebhook({
      tenantId: ctx.tenant.id,
      endpointId: row.endpoint_id,
      event: row.event as unknown as Parameters<typeof ctx.engine.redeliverWebhook>[0]['event'],
    });
    return { id: input.id, queued: true as const };
  }),
});
