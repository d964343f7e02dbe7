/**
 * @module `pnpm patchbay <command>`: operator commands.
 *   keys generate [id]   print a new key entry to put first in PATCHBAY_ENCRYPTION_KEYS
 */
import { generateKeyEntry } from '@patchbay/auth';

const USAGE = 'usage: pnpm patchbay keys generate [id]';

function main(args: string[]): number {
  const [group, command, id] = args;
  if (group === 'keys' && command === 'generate') {
    const entry = generateKeyEntry(id);
    process.stdout.write(`${entry}\n`);
    process.stderr.write(
      'Put this entry first in PATCHBAY_ENCRYPTION_KEYS (comma-separated), keeping the old keys after it until rotation is done.\n',
    );
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`patchbay: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
