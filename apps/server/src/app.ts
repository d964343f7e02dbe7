import type { Database } from '@patchbay/db';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import { healthRoutes } from './health.ts';
import type { Logger } from './logger.ts';
import { type RequestVariables, requestId } from './request-id.ts';
import { trpcHandler } from './trpc-route.ts';
import { PATCHBAY_VERSION } from './version.ts';

/** Largest request body accepted, chunked or not. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppDependencies {
  db: Kysely<Database>;
  logger: Logger;
}

export function createApp({ db, logger }: AppDependencies) {
  const app = new Hono<{ Variables: RequestVariables }>();
  app.use(requestId(logger));
  app.route('/', healthRoutes(db));
  app.use(
    '/trpc/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: { message: 'Request body too large', code: 'PAYLOAD_TOO_LARGE' } }, 413),
    }),
  );
  app.all('/trpc/*', trpcHandler({ db, version: PATCHBAY_VERSION }));
  app.notFound((c) => c.json({ error: { message: 'Not found', code: 'NOT_FOUND' } }, 404));
  app.onError((error, c) => {
    c.get('log').error({ err: error }, 'unhandled error');
    return c.json({ error: { message: `Internal error (request id ${c.get('requestId')})`, code: 'INTERNAL_SERVER_ERROR' } }, 500);
  });
  return app;
}
