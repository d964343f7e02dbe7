/**
 * @module The last-resort handler for promise rejections nobody awaited. Node's default ends
 * the process, which took the HTTP server down with a library's stray rejection during a
 * database restart (graphile-worker's unbatched job completion). The sources are fixed; this is
 * the backstop: log one line (name, code, message; no stack, no payload) and keep serving.
 */
import type { Logger } from './logger.ts';

function describe(reason: unknown): Record<string, unknown> {
  if (!(reason instanceof Error)) return { reason: typeof reason };
  const code = (reason as NodeJS.ErrnoException).code;
  return { name: reason.name, message: reason.message.split('\n')[0], ...(code ? { code } : {}) };
}

export function keepRunningOnUnhandledRejection(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ rejection: describe(reason) }, 'unhandled promise rejection; the process keeps running');
  });
}
