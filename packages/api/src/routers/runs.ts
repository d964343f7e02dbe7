import { z } from 'zod';
import { actorRef } from '../actor.ts';
import { notFound } from '../domain-errors.ts';
import { actionsProcedure, runsReadProcedure } from '../procedures.ts';
import { afterRunCursor, cursorMicros, cursorPage, decodeRunCursor } from '../tenant/run-cursor.ts';
import { router } from '../trpc.ts';
import { runStatsProcedure } from './run-stats.ts';

const SUMMARY = [
  'id',
  'connection_id as connectionId',
  'connector_id as connectorId',
  'action',
  'connector_version as connectorVersion',
  'mode',
  'status',
  'idempotency_key as idempotencyKey',
  'channel',
  'created_by as createdBy',
  'attempt',
  'created_at as createdAt',
  'started_at as startedAt',
  'finished_at as finishedAt',
  'duration_ms as durationMs',
  'error',
] as const;

const status = z.enum(['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled']);

export const runsListInput = z
  .object({
    connectionId: z.uuid().optional(),
    connectorId: z.string().max(100).optional(),
    action: z.string().max(100).optional(),
    status: status.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .optional();

export const runsRouter = router({
  /** Runs, newest first, filtered; pass `nextCursor` back as `cursor` for the next page. */
  list: runsReadProcedure.input(runsListInput).query(async ({ ctx, input }) => {
    const limit = input?.limit ?? 50;
    const cursor = input?.cursor ? decodeRunCursor(input.cursor) : undefined;
    const rows = await ctx.scoped((tx) => {
      let q = tx
        .selectFrom('runs')
        .select([...SUMMARY, cursorMicros().as('cursorMicros')])
        // Named although row security enforces it, so the page walks the (tenant_id, created_at, id) index.
        .where('tenant_id', '=', ctx.tenant.id)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (input?.connectionId) q = q.where('connection_id', '=', input.connectionId);
      if (input?.connectorId) q = q.where('connector_id', '=', input.connectorId);
      if (input?.action) q = q.where('action', '=', input.action);
      if (input?.status) q = q.where('status', '=', input.status);
      if (input?.from) q = q.where('created_at', '>=', new Date(input.from));
      if (input?.to) q = q.where('created_at', '<', new Date(input.to));
      if (cursor) q = q.where(afterRunCursor(cursor));
      return q.execute();
    });
    const { items, nextCursor } = cursorPage(rows, limit);
    return { runs: items, nextCursor };
  }),

  /** Counts per status per time bucket, and per connector the error rate and p50/p95 duration (the Overview page). */
  stats: runStatsProcedure,

  /** One run with its input, output, error and every attempt at the provider. */
  get: runsReadProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const run = await ctx.scoped((tx) =>
      tx
        .selectFrom('runs')
        .select([...SUMMARY, 'input', 'output', 'attempts', 'max_attempts as maxAttempts'])
        .where('id', '=', input.id)
        .executeTakeFirst(),
    );
    if (!run) throw notFound('Run');
    return run;
  }),

  /** Queues a run for a worker; returns at once with its id. Poll `runs.get` for the outcome. */
  enqueue: actionsProcedure
    .input(
      z.object({
        connectionId: z.uuid(),
        connectorId: z.string().min(1).max(100),
        action: z.string().min(1).max(100),
        input: z.unknown(),
        idempotencyKey: z.string().min(1).max(255).optional(),
        maxAttempts: z.number().int().min(1).max(10).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.engine.enqueue({ ...input, tenantId: ctx.tenant.id, actor: actorRef(ctx.actor) })),

  /** Cancels a queued run, asks a worker-run one to stop, aborts a keyed sync run in this process; RUN_STATE otherwise. */
  cancel: actionsProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => ctx.engine.cancelRun(ctx.tenant.id, input.id)),
});
