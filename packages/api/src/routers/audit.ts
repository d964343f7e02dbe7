/**
 * @module `audit.list`: who did what in the organization, newest first, for owners and admins
 * (and `admin` keys): the details can name URLs, emails and scopes. Entries are numbered in
 * insertion order, so the cursor is the last id seen, and the primary key serves every page.
 */
import { z } from 'zod';
import { adminProcedure } from '../procedures.ts';
import { router } from '../trpc.ts';

export const auditRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          actorType: z.enum(['user', 'api_key', 'system']).optional(),
          actorId: z.string().max(200).optional(),
          /** Exact (`connection.delete`) or a prefix ending in `.` (`connection.`). */
          action: z.string().max(100).optional(),
          target: z.string().max(200).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          cursor: z
            .string()
            .regex(/^\d{1,19}$/, 'a cursor from a previous page')
            .optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const limit = input?.limit ?? 50;
      const rows = await ctx.scoped((tx) => {
        let q = tx
          .selectFrom('audit_log')
          .select(['id', 'actor_type as actorType', 'actor_id as actorId', 'action', 'target', 'details', 'created_at as createdAt'])
          .orderBy('id', 'desc')
          .limit(limit + 1);
        if (input?.actorType) q = q.where('actor_type', '=', input.actorType);
        if (input?.actorId) q = q.where('actor_id', '=', input.actorId);
        if (input?.action)
          q = input.action.endsWith('.')
            ? q.where('action', 'like', `${input.action.replace(/[\\%_]/g, '\\$&')}%`)
            : q.where('action', '=', input.action);
        if (input?.target) q = q.where('target', '=', input.target);
        if (input?.from) q = q.where('created_at', '>=', new Date(input.from));
        if (input?.to) q = q.where('created_at', '<', new Date(input.to));
        if (input?.cursor) q = q.where('id', '<', input.cursor);
        return q.execute();
      });
      const last = rows[limit - 1];
      return { entries: rows.slice(0, limit), nextCursor: rows.length > limit && last ? String(last.id) : null };
    }),
});
