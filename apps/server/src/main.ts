/**
 * @module `pnpm start`: read the configuration, open the database (embedded when DATABASE_URL
 * is unset), migrate, serve, and shut down cleanly on SIGINT/SIGTERM. Startup failures print
 * one line and exit non-zero.
 */
import { start } from './start.ts';

start(process.env).then(
  (running) => {
    let signalled = false;
    const stop = (signal: NodeJS.Signals) => {
      if (signalled) {
        process.stderr.write(`patchbay: ${signal} again, exiting now\n`);
        process.exit(1);
      }
      signalled = true;
      running.stop(signal).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(`patchbay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
