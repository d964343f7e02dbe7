/**
 * @module What a request gets when an error escapes its handler: 503 while the database is
 * unavailable (logged as a warning), otherwise a 500 that names only the request id (logged as
 * an error, with the cause). Hono's onError (app.ts) and node-action-call.ts both answer it.
 */
import { isDatabaseUnavailable } from '@patchbay/db';

export interface UnhandledAnswer {
  status: 500 | 503;
  body: { error: { message: string; code: 'SERVICE_UNAVAILABLE' | 'INTERNAL_SERVER_ERROR' } };
  level: 'warn' | 'error';
  logMessage: string;
}

export function unhandledAnswer(error: unknown, requestId: string): UnhandledAnswer {
  if (isDatabaseUnavailable(error))
    return {
      status: 503,
      body: { error: { message: 'The database is unavailable; retry shortly', code: 'SERVICE_UNAVAILABLE' } },
      level: 'warn',
      logMessage: 'database unavailable',
    };
  return {
    status: 500,
    body: { error: { message: `Internal error (request id ${requestId})`, code: 'INTERNAL_SERVER_ERROR' } },
    level: 'error',
    logMessage: 'unhandled error',
  };
}
