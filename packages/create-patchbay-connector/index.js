#!/usr/bin/env node
// `npm create patchbay-connector@latest <name> -- --scope @acme`: the SDK's create-connector,
// under the name `npm create` looks for. Plain JavaScript so it runs without a build step.
import { runCreateConnector } from '@patchbay/sdk/create-connector';

process.exitCode = await runCreateConnector(process.argv.slice(2), {
  write: (s) => process.stdout.write(s),
  fail: (s) => process.stderr.write(s),
});
