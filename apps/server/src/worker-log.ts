import { withoutQuotedValues } from './log-error.ts';
import type { Logger } from './logger.ts';

/**
 * Graphile Worker's log lines into our pino logger, at their own level. A failed job's line
 * quotes its error's text; a Postgres error's quoted values (tenant input) are cut out of it.
 */
export function workerLog(logger: Logger) {
  const worker = logger.child({ component: 'worker' });
  return (level: string, message: string, meta?: Record<string, unknown>) => {
    const line = withoutQuotedValues(message, meta?.error);
    if (level === 'error') worker.error(line);
    else if (level === 'warning') worker.warn(line);
    else if (level === 'info') worker.info(line);
    else worker.debug(line);
  };
}
