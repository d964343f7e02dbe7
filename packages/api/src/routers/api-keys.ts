import { API_KEY_SCOPES, generateApiKey } from '@patchbay/auth';
import { sql } from 'kysely';
import { z } from 'zod';
import { notFound } from '../domain-errors.ts';
import { adminProcedure, tenantProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { router } from '../trpc.ts';

const createInput = z.object({
  name: z.string().trim().min(1).max(200),
  /**
   * What the key may do. `admin` is everything; it is also the default when scopes are left
   * out, as every key made before scopes existed had that power (name narrower ones).
   */
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length).default(['admin']),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((at) => Date.parse(at) > Date.now(), 'expiresAt must be in the future')
    .optional(),
});

/** True when the key was minted by a user who is no longer a member of its organization. */
const creatorGone = sql<boolean>`(api_keys.created_by is not null and not exists (
  select 1 from memberships m where m.tenant_id = api_keys.tenant_id and m.user_id = api_keys.created_by))`;

export const apiKeysRouter = router({
  /** Creates a key. Its secret is in this response and nowhere else, ever. */
  create: adminProcedure.input(createInput).mutation(({ ctx, input }) => {
    const generated = generateApiKey();
    const scopes = [...new Set(input.scopes)];
    return ctx.scoped(async (tx) => {
      const row = await tx
        .insertInto('api_keys')
        .values({
          tenant_id: ctx.tenant.id,
          name: input.name,
          prefix: generated.prefix,
          secret_hash: generated.secretHash,
          created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
          scopes,
          expires_at: input.expiresAt ?? null,
        })
        .returning(['id', 'prefix', 'expires_at'])
        .executeTakeFirstOrThrow();
      await audit(tx, ctx.tenant.id, ctx.actor, 'api_key.create', row.id, { name: input.name, prefix: row.prefix, scopes });
      return { id: row.id, key: generated.key, prefix: row.prefix, scopes, expiresAt: row.expires_at };
    });
  }),

  /** Every key, with who minted it and whether that member has since left or been removed. */
  list: tenantProcedure.query(({ ctx }) =>
    ctx.scoped((tx) =>
      tx
        .selectFrom('api_keys')
        .select([
          'id',
          'name',
          'prefix',
          'scopes',
          'created_at as createdAt',
          'expires_at as expiresAt',
          'last_used_at as lastUsedAt',
          'revoked_at as revokedAt',
          'created_by as createdBy',
          creatorGone.as('creatorRemoved'),
        ])
        .orderBy('created_at', 'desc')
        .execute(),
    ),
  ),

  /** Revokes a key; its next request is refused. */
  revoke: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const row = await ctx.scoped(async (tx) => {
      const revoked = await tx
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('id', '=', input.id)
        .where('revoked_at', 'is', null)
        .returning(['id', 'prefix'])
        .executeTakeFirst();
      if (!revoked) throw notFound('API key');
      await audit(tx, ctx.tenant.id, ctx.actor, 'api_key.revoke', input.id);
      return revoked;
    });
    // Committed: this process stops accepting the key before the answer leaves.
    ctx.apiKeysRevoked([row.prefix]);
    return { id: row.id, revoked: true as const };
  }),

  /** Revokes, at once, every live key minted by someone who is no longer a member. */
  revokeOrphaned: adminProcedure.mutation(async ({ ctx }) => {
    const rows = await ctx.scoped(async (tx) => {
      const revoked = await tx
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('revoked_at', 'is', null)
        .where(creatorGone)
        .returning(['id', 'prefix'])
        .execute();
      for (const { id } of revoked) await audit(tx, ctx.tenant.id, ctx.actor, 'api_key.revoke', id, { reason: 'creator_removed' });
      return revoked;
    });
    ctx.apiKeysRevoked(rows.map((r) => r.prefix));
    return { revoked: rows.map((r) => r.id) };
  }),
});
