import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateKeyEntry, type KeyRing, parseKeyRing } from './key-ring.ts';
import { VaultError } from './vault-error.ts';

export interface LoadKeyRingOptions {
  /** The value of PATCHBAY_ENCRYPTION_KEYS, if set. */
  spec: string | undefined;
  production: boolean;
  /** Where a development key ring is kept (`.patchbay`). */
  dataDir: string;
  warn: (message: string) => void;
}

const DEV_FILE = 'encryption-keys';

/**
 * The key ring from PATCHBAY_ENCRYPTION_KEYS. Without it, production refuses to start, and
 * development generates a ring once under the data directory and says so.
 */
export async function loadKeyRing(options: LoadKeyRingOptions): Promise<KeyRing> {
  if (options.spec?.trim()) return parseKeyRing(options.spec);
  if (options.production) {
    throw new VaultError(
      'KEY_RING_MISSING',
      'PATCHBAY_ENCRYPTION_KEYS is required in production (generate one with `pnpm patchbay keys generate`)',
    );
  }
  const file = path.join(options.dataDir, DEV_FILE);
  if (!existsSync(file)) {
    await mkdir(options.dataDir, { recursive: true });
    await writeFile(file, `${generateKeyEntry('dev1')}\n`, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  options.warn(`PATCHBAY_ENCRYPTION_KEYS is not set; using the development key ring in ${file}. Set it before storing real credentials.`);
  return parseKeyRing(await readFile(file, 'utf8'));
}
