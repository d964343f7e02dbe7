import { generateApiKey } from '@patchbay/auth';
import { z } from 'zod';
import { notFound } from '../domain-errors.ts';
import { adminProcedure, tenantProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { router } from '../trpc.ts';

export const apiKeysRouter = router({
  /** Creates a key. Its secret is in this response and nowhere else, ever. */
  create: adminProcedure.input(z.object({ name: z.string().trim().min(1).max(200) })).mutation(({ ctx, input }) => {
    const generated = generateApiKey();
    return ctx.scoped(async (tx) => {
      const row = await tx
        .insertInto('api_keys')
        .values({
          tenant_id: ctx.tenant.id,
          name: input.name,
          prefix: generated.prefix,
          secret_hash: generated.secretHash,
          created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
        })
        .returning(['id', 'prefix'])
        .executeTakeFirstOrThrow();
      await audit(tx, ctx.tenant.id, ctx.actor, 'api_key.create', row.id, { name: input.name, prefix: row.prefix });
      return { id: row.id, key: generated.key, prefix: row.prefix };
    });
  }),

  list: tenantProcedure.query(({ ctx }) =>
    ctx.scoped((tx) =>
      tx
        .selectFrom('api_keys')
        .select(['id', 'name', 'prefix', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'])
        .orderBy('created_at', 'desc')
        .execute(),
    ),
  ),

  /** Revokes a key; its next request is refused. */
  revoke: adminProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) =>
    ctx.scoped(async (tx) => {
      const row = await tx
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('id', '=', input.id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw notFound('API key');
      await audit(tx, ctx.tenant.id, ctx.actor, 'api_key.revoke', input.id);
      return { id: row.id, revoked: true as const };
    }),
  ),
});
