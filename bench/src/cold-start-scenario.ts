import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres } from '@patchbay/db';
import { type ColdStartResult, measureColdStart } from './cold-start.ts';

/**
 * S9 with its own Postgres, started here and given to the server as DATABASE_URL, so the
 * server's start-up does not include starting a database. One unmeasured start migrates it.
 */
export async function runColdStart(runs: number, log: (line: string) => void): Promise<ColdStartResult> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), ephemeral: true });
  try {
    const url = await ensureDatabase(pg.url, 'patchbay_bench');
    await measureColdStart(url, 1, () => {});
    return await measureColdStart(url, runs, log);
  } finally {
    await pg.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}
