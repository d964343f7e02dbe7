import { type AppRouter, appRouter } from '@patchbay/api';
import type { Database } from '@patchbay/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { RequestVariables } from './request-id.ts';

/** Most calls one batched request may carry; larger batches are refused before any runs. */
export const MAX_BATCH_SIZE = 20;

export interface TrpcRouteOptions {
  db: Kysely<Database>;
  version: string;
  router?: AppRouter;
}

export function trpcHandler(options: TrpcRouteOptions) {
  return (c: Context<{ Variables: RequestVariables }>) =>
    fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: options.router ?? appRouter,
      allowMethodOverride: false,
      allowBatching: true,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: () => ({ db: options.db, requestId: c.get('requestId'), version: options.version }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') c.get('log').error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    });
}
