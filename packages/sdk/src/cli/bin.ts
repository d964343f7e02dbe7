#!/usr/bin/env node
/**
 * @module The SDK's command line (`npx @patchbay/sdk <command>`). One command so far:
 * `create-connector`, which scaffolds a connector package.
 */
import { runCreateConnector } from './create-connector.ts';

const USAGE = `usage: npx @patchbay/sdk create-connector <name> [--scope @acme] [--dir .]
       npx @patchbay/sdk create-connector --help`;

const [command, ...rest] = process.argv.slice(2);
const io = { write: (s: string) => process.stdout.write(s), fail: (s: string) => process.stderr.write(s) };
if (command === 'create-connector') {
  process.exitCode = await runCreateConnector(rest, io);
} else if (command === '--help' || command === '-h' || command === 'help') {
  io.write(`${USAGE}\n`);
} else {
  io.fail(`${command ? `patchbay-sdk: unknown command ${command}\n` : ''}${USAGE}\n`);
  process.exitCode = 2;
}
