export type { AppDependencies } from './app.ts';
export { createApp, MAX_BODY_BYTES } from './app.ts';
export type { ServerConfig } from './config.ts';
export { ConfigError, loadConfig } from './config.ts';
export { ListenError, listen } from './listen.ts';
export { createLogger } from './logger.ts';
export type { RunningServer } from './start.ts';
export { start } from './start.ts';
export { MAX_BATCH_SIZE } from './trpc-route.ts';
