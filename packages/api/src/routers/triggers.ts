import { z } from 'zod';
import { actorRef } from '../actor.ts';
import { connectionsReadProcedure, connectionsWriteProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { router } from '../trpc.ts';

const VIEW = [
  'id',
  'connection_id as connectionId',
  'connector_id as connectorId',
  'trigger',
  'config',
  'status',
  'last_error as lastError',
  'poll_interval_ms as pollIntervalMs',
  'last_event_at as lastEventAt',
  'created_at as createdAt',
] as const;

export const triggersRouter = router({
  /**
   * Subscribes a connection to one of its connector's triggers. The answer's `url` is where the
   * provider sends events (`POST /hooks/<id>`); triggers that create their provider hook by API
   * (GitHub) do so now, the others need the provider's `signingSecret`.
   */
  subscribe: connectionsWriteProcedure
    .input(
      z.object({
        connectionId: z.uuid(),
        trigger: z.string().min(1).max(100),
        config: z.record(z.string(), z.unknown()).optional(),
        signingSecret: z.string().min(8).max(500).optional(),
        /** Polling triggers: a longer interval than the connector proposes. */
        pollIntervalMs: z.number().int().min(1000).max(86_400_000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const made = await ctx.engine.subscribeTrigger(ctx.tenant.id, {
        connectionId: input.connectionId,
        trigger: input.trigger,
        config: input.config,
        signingSecret: input.signingSecret,
        pollIntervalMs: input.pollIntervalMs,
        actor: actorRef(ctx.actor),
      });
      await ctx.scoped((tx) =>
        audit(tx, ctx.tenant.id, ctx.actor, 'trigger.subscribe', made.id, { connectionId: input.connectionId, trigger: input.trigger }),
      );
      return made;
    }),

  /** The tenant's subscriptions (never their secrets), newest first. */
  list: connectionsReadProcedure.input(z.object({ connectionId: z.uuid().optional() }).optional()).query(({ ctx, input }) =>
    ctx.scoped((tx) => {
      let q = tx.selectFrom('trigger_subscriptions').select(VIEW).orderBy('created_at', 'desc');
      if (input?.connectionId) q = q.where('connection_id', '=', input.connectionId);
      return q.execute();
    }),
  ),

  /** Removes the provider-side hook when the trigger made one, then the subscription and its events. */
  unsubscribe: connectionsWriteProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await ctx.engine.unsubscribeTrigger(ctx.tenant.id, input.id);
    await ctx.scoped((tx) => audit(tx, ctx.tenant.id, ctx.actor, 'trigger.unsubscribe', input.id));
    return { id: input.id, deleted: true as const };
  }),
});
