import { sql } from 'kysely';
import { z } from 'zod';
import { actorRef } from '../actor.ts';
import { notFound } from '../domain-errors.ts';
import { connectionsReadProcedure, connectionsWriteProcedure, credentialsReadProcedure } from '../procedures.ts';
import { audit } from '../tenant/audit.ts';
import { afterRunCursor, cursorMicros, cursorPage, decodeRunCursor } from '../tenant/run-cursor.ts';
import { router } from '../trpc.ts';

const VIEW = [
  'id',
  'connector_id as connectorId',
  'name',
  'auth_kind as authKind',
  'status',
  'scopes',
  'expires_at as expiresAt',
  'provider_account_id as providerAccountId',
  'end_user_id as endUserId',
  'metadata',
  'last_error as lastError',
  'last_error_at as lastErrorAt',
  'refreshed_at as refreshedAt',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

/** A connection's newest run, as `connections.list` shows it (times as ISO strings, as JSON gives them). */
interface LastRun {
  id: string;
  action: string;
  status: string;
  createdAt: string;
}

const status = z.enum(['active', 'needs_reauth', 'revoked', 'error']);

export const connectionsRouter = router({
  /**
   * The tenant's connections (never their credentials), newest first, filtered; pass
   * `nextCursor` back as `cursor` for the next page. `search` matches the name or the provider
   * account id (case-insensitive substring).
   */
  list: connectionsReadProcedure
    .input(
      z
        .object({
          connectorId: z.string().max(100).optional(),
          status: status.optional(),
          endUserId: z.string().max(200).optional(),
          search: z.string().trim().min(1).max(200).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const limit = input?.limit ?? 50;
      const cursor = input?.cursor ? decodeRunCursor(input.cursor) : undefined;
      const rows = await ctx.scoped((tx) => {
        let query = tx
          .selectFrom('connections')
          .select([...VIEW, cursorMicros().as('cursorMicros')])
          // Each row's newest run, read through runs_connection_recent_idx (one probe per row).
          .select((eb) =>
            eb
              .selectFrom('runs')
              .select(
                sql<LastRun>`json_build_object('id', runs.id, 'action', runs.action, 'status', runs.status, 'createdAt', to_char(runs.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`.as(
                  'r',
                ),
              )
              .where('runs.tenant_id', '=', ctx.tenant.id)
              .whereRef('runs.connection_id', '=', 'connections.id')
              .orderBy('runs.created_at', 'desc')
              .orderBy('runs.id', 'desc')
              .limit(1)
              .as('lastRun'),
          )
          // Named although row security enforces it, so the page walks the (tenant_id, created_at, id) index.
          .where('tenant_id', '=', ctx.tenant.id)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1);
        if (input?.connectorId) query = query.where('connector_id', '=', input.connectorId);
        if (input?.status) query = query.where('status', '=', input.status);
        if (input?.endUserId) query = query.where('end_user_id', '=', input.endUserId);
        if (input?.search) {
          const pattern = `%${input.search.replace(/[\\%_]/g, '\\$&')}%`;
          query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('provider_account_id', 'ilike', pattern)]));
        }
        if (cursor) query = query.where(afterRunCursor(cursor));
        return query.execute();
      });
      const { items, nextCursor } = cursorPage(rows, limit);
      return { connections: items, nextCursor };
    }),

  /**
   * The connection's access token, refreshed first when due, for the tenant's own code to call
   * the provider directly. Only for API keys made with `credentials:read`; every read is audited.
   * A mutation: it writes the audit row, and a token never travels in a cacheable GET.
   */
  credentials: credentialsReadProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const token = await ctx.engine.connectionAccessToken(ctx.tenant.id, input.id);
    await ctx.scoped((tx) => audit(tx, ctx.tenant.id, ctx.actor, 'connection.credentials_read', input.id));
    return token;
  }),

  /** One connection with its five latest runs (what the connection page shows). */
  get: connectionsReadProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const found = await ctx.scoped(async (tx) => {
      const row = await tx.selectFrom('connections').select(VIEW).where('id', '=', input.id).executeTakeFirst();
      if (!row) return undefined;
      const lastRuns = await tx
        .selectFrom('runs')
        .select(['id', 'action', 'status', 'created_at as createdAt', 'duration_ms as durationMs', 'error'])
        .where('connection_id', '=', input.id)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(5)
        .execute();
      return { ...row, lastRuns };
    });
    if (!found) throw notFound('Connection');
    return found;
  }),

  /**
   * Connects an API-key or basic-auth account, or a client-credentials or service-account
   * (JWT bearer) one, whose grant must first win an access token. The connector's health check
   * must accept the credentials first: a bad key or secret is an error and nothing is saved.
   */
  create: connectionsWriteProcedure
    .input(
      z.object({
        connectorId: z.string().min(1).max(100),
        name: z.string().trim().min(1).max(200).optional(),
        credentials: z.record(z.string(), z.unknown()),
        metadata: z.record(z.string(), z.unknown()).optional(),
        /** The connector's `connectionParams`, validated by its schema (stored as `metadata.params`). */
        params: z.record(z.string(), z.unknown()).optional(),
        endUserId: z.string().min(1).max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id } = await ctx.engine.createConnection(ctx.tenant.id, { ...input, actor: actorRef(ctx.actor) });
      return ctx.scoped(async (tx) => {
        await audit(tx, ctx.tenant.id, ctx.actor, 'connection.create', id, { connectorId: input.connectorId });
        return tx.selectFrom('connections').select(VIEW).where('id', '=', id).executeTakeFirstOrThrow();
      });
    }),

  /** Runs the connector's health check now and records the outcome on the connection. */
  test: connectionsReadProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => ctx.engine.testConnection(ctx.tenant.id, input.id)),

  /**
   * The accounts the connection's grant can act for (the connector's `discover`, run now):
   * `{ id, name, metadata? }` each, never their credentials.
   */
  discover: connectionsReadProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const accounts = await ctx.engine.discoverAccounts(ctx.tenant.id, input.id);
    return accounts.map(({ id, name, metadata }) => ({ id, name, ...(metadata ? { metadata } : {}) }));
  }),

  /**
   * Chooses the account the connection acts for. `discover` runs again, so only an account the
   * grant can act for now is stored, with its own credentials (a Page token) sealed.
   */
  setAccount: connectionsWriteProcedure
    .input(z.object({ id: z.uuid(), accountId: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const account = await ctx.engine.setAccount(ctx.tenant.id, input.id, input.accountId);
      await ctx.scoped((tx) => audit(tx, ctx.tenant.id, ctx.actor, 'connection.set_account', input.id, { accountId: account.id }));
      return account;
    }),

  /** Revokes the grant at the provider when it supports revocation, then deletes the connection. */
  delete: connectionsWriteProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const result = await ctx.engine.deleteConnection(ctx.tenant.id, input.id);
    await ctx.scoped((tx) =>
      audit(tx, ctx.tenant.id, ctx.actor, 'connection.delete', input.id, { revokedAtProvider: result.revokedAtProvider }),
    );
    return result;
  }),
});
