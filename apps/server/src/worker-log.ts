import type { Logger } from './logger.ts';

/** Graphile Worker's log lines into our pino logger, at their own level. */
export function workerLog(logger: Logger) {
  const worker = logger.child({ component: 'worker' });
  return (level: string, message: string) => {
    if (level === 'error') worker.error(message);
    else if (level === 'warning') worker.warn(message);
    else if (level === 'info') worker.info(message);
    else worker.debug(message);
  };
}
