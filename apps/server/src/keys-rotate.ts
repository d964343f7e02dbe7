/**
 * @module `pnpm patchbay keys rotate`: re-seals every sealed column under the primary key of
 * PATCHBAY_ENCRYPTION_KEYS, printing progress, so the old keys can then be removed. Runs on one
 * connection as `patchbay_system`, the role whose policies see every tenant's connection rows.
 */
import path from 'node:path';
import { loadKeyRing, rotateSealedColumns } from '@patchbay/auth';
import { openDatabase } from '@patchbay/db';
import { SEALED_COLUMNS } from '@patchbay/engine';
import { sql } from 'kysely';
import { loadConfig } from './config.ts';

export async function rotateKeys(env: NodeJS.ProcessEnv, write: (line: string) => void): Promise<number> {
  const config = loadConfig(env);
  const ring = await loadKeyRing({
    spec: env.PATCHBAY_ENCRYPTION_KEYS,
    production: config.production,
    dataDir: config.dataDir,
    warn: write,
  });
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'postgres'),
    poolSize: config.dbPoolMax,
  });
  try {
    const moved = await handle.db.connection().execute(async (connection) => {
      await sql`set role patchbay_system`.execute(connection);
      try {
        return await rotateSealedColumns(connection, ring, SEALED_COLUMNS, {
          onProgress: ({ table, column, done, total }) => write(`rotating ${table}.${column}: ${done}/${total}`),
        });
      } finally {
        await sql`reset role`.execute(connection);
      }
    });
    const others = [...ring.keys.keys()].filter((id) => id !== ring.primary.id);
    write(
      `done: ${moved} value(s) re-encrypted to key "${ring.primary.id}".` +
        (others.length ? ` Keys ${others.map((k) => `"${k}"`).join(', ')} can now be removed from PATCHBAY_ENCRYPTION_KEYS.` : ''),
    );
    return moved;
  } finally {
    await handle.close();
  }
}
