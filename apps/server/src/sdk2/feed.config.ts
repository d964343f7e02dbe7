/** A patchbay.config.ts for the spawned workers of the polling test: the feed's URL comes from the environment. */
import { defineConfig } from '@patchbay/engine';
import { acmeFeed } from './triggers-connector.ts';

export default defineConfig({ connectors: [acmeFeed(process.env.FEED_UPSTREAM ?? 'http://127.0.0.1:1')] });
