/**
 * @module One Postgres for the whole benchmark run (embedded, ephemeral), started on first use;
 * every Patchbay server under test gets its own fresh database on it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EmbeddedPostgres, ensureDatabase, startEmbeddedPostgres } from '@patchbay/db';

let started: Promise<{ pg: EmbeddedPostgres; scratch: string }> | undefined;

async function start() {
  const scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), ephemeral: true });
  return { pg, scratch };
}

/** A new, empty database URL on the shared benchmark Postgres. */
export async function freshDatabase(label: string): Promise<string> {
  started ??= start();
  const { pg } = await started;
  return ensureDatabase(pg.url, `bench_${label.replace(/[^a-z0-9_]/gi, '_')}_${randomBytes(3).toString('hex')}`);
}

export async function stopBenchPostgres(): Promise<void> {
  if (!started) return;
  const { pg, scratch } = await started;
  started = undefined;
  await pg.stop();
  await rm(scratch, { recursive: true, force: true });
}
