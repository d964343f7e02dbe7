/**
 * @module `pnpm db:migrate | db:rollback | db:status`: the migrator from the command line,
 * against DATABASE_URL or the embedded Postgres under PATCHBAY_DATA_DIR (default `.patchbay/`),
 * the same cluster `pnpm start` uses; if the server is running, this attaches to its cluster.
 */
import path from 'node:path';
import { openDatabase } from './connect.ts';
import { migrateDown, migrateToLatest, migrationStatus } from './migrator.ts';

const commands = ['up', 'down', 'status'] as const;
type Command = (typeof commands)[number];

async function run(command: Command): Promise<void> {
  const handle = await openDatabase({
    url: process.env.DATABASE_URL || undefined,
    dataDir: path.resolve(process.env.PATCHBAY_DATA_DIR || '.patchbay', 'postgres'),
  });
  try {
    if (command === 'up') {
      const results = await migrateToLatest(handle.db);
      for (const r of results) console.log(`applied  ${r.migrationName}`);
      console.log(results.length ? `${results.length} migration(s) applied` : 'already up to date');
    } else if (command === 'down') {
      const results = await migrateDown(handle.db);
      for (const r of results) console.log(`reverted ${r.migrationName}`);
      if (!results.length) console.log('nothing to revert');
    } else {
      for (const m of await migrationStatus(handle.db)) {
        console.log(`${m.executedAt ? `applied ${m.executedAt.toISOString()}` : 'pending                         '}  ${m.name}`);
      }
    }
  } finally {
    await handle.close();
  }
}

const command = process.argv[2] as Command;
if (!commands.includes(command)) {
  console.error(`usage: node packages/db/src/cli.ts ${commands.join('|')}`);
  process.exit(2);
}
run(command).catch((error: unknown) => {
  console.error(`patchbay db ${command}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
