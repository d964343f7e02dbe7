import { z } from 'zod';
import { eventsReadProcedure } from '../procedures.ts';
import { afterRunCursor, cursorMicros, cursorPage, decodeRunCursor } from '../tenant/run-cursor.ts';
import { router } from '../trpc.ts';

const VIEW = [
  'id',
  'subscription_id as subscriptionId',
  'connection_id as connectionId',
  'provider_event_id as providerEventId',
  'provider_account_id as providerAccountId',
  'event_type as type',
  'payload',
  'created_at as receivedAt',
] as const;

export const eventsRouter = router({
  /** Received trigger events, newest first, a page at a time (`nextCursor` continues). */
  list: eventsReadProcedure
    .input(
      z
        .object({
          subscriptionId: z.uuid().optional(),
          connectionId: z.uuid().optional(),
          /** Only events received at or after this time. */
          from: z.iso.datetime({ offset: true }).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.number().int().min(1).max(200).optional(),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const limit = input?.limit ?? 50;
      const cursor = input?.cursor ? decodeRunCursor(input.cursor) : undefined;
      const rows = await ctx.scoped((tx) => {
        let q = tx
          .selectFrom('trigger_events')
          .select([...VIEW, cursorMicros().as('cursorMicros')])
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1);
        if (input?.subscriptionId) q = q.where('subscription_id', '=', input.subscriptionId);
        if (input?.connectionId) q = q.where('connection_id', '=', input.connectionId);
        if (input?.from) q = q.where('created_at', '>=', new Date(input.from));
        if (cursor) q = q.where(afterRunCursor(cursor));
        return q.execute();
      });
      const { items, nextCursor } = cursorPage(rows, limit);
      return { events: items, nextCursor };
    }),
});
