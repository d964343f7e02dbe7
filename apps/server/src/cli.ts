/**
 * @module `pnpm patchbay <command>`: operator commands.
 *   keys generate [id]   print a new key entry to put first in PATCHBAY_ENCRYPTION_KEYS
 *   keys rotate          re-encrypt every stored secret with the primary (first) key
 *   client-types --out <file>.d.ts
 *                        write the deployment's AppRouter type for apps in other repositories
 *   connectors diff <old> <new>   breaking-change check between two connector packages (.tgz or dir)
 */
import path from 'node:path';
import { generateKeyEntry } from '@patchbay/auth';
import { CONNECTORS_DIFF_USAGE, connectorsDiffCommand } from '@patchbay/sdk';
import { emitClientTypes } from './client-types.ts';
import { rotateKeys } from './keys-rotate.ts';

const USAGE = `usage: pnpm patchbay keys generate [id] | pnpm patchbay keys rotate | pnpm patchbay client-types --out <file>.d.ts | pnpm patchbay ${CONNECTORS_DIFF_USAGE.replace('usage: ', '')}`;

async function main(args: string[]): Promise<number> {
  const [group, command, id] = args;
  if (group === 'keys' && command === 'generate') {
    const entry = generateKeyEntry(id);
    process.stdout.write(`${entry}\n`);
    process.stderr.write(
      'Put this entry first in PATCHBAY_ENCRYPTION_KEYS (comma-separated), keeping the old keys after it until rotation is done.\n',
    );
    return 0;
  }
  if (group === 'keys' && command === 'rotate') {
    await rotateKeys(process.env, (line) => process.stderr.write(`${line}\n`));
    return 0;
  }
  if (group === 'client-types' && command === '--out' && id) {
    const configFile = path.resolve(process.env.PATCHBAY_CONFIG ?? 'patchbay.config.ts');
    const { bytes } = await emitClientTypes(configFile, id);
    process.stderr.write(`wrote ${id} (${bytes} bytes): import type { AppRouter } from it and call createPatchbayClient<AppRouter>()\n`);
    return 0;
  }
  if (group === 'connectors' && command === 'diff') {
    return connectorsDiffCommand(args.slice(2), {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`patchbay: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
  process.exitCode = 1;
}
