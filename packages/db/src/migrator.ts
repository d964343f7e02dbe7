import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { FileMigrationProvider, type MigrationResult, Migrator } from 'kysely/migration';

/** The repository's `migrations/` folder. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
type AnyDb = Kysely<any>;

export function createMigrator(db: AnyDb, folder = MIGRATIONS_DIR): Migrator {
  return new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }) });
}

export interface MigrationOutcome {
  results: MigrationResult[];
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

function unwrap(outcome: { error?: unknown; results?: MigrationResult[] }): MigrationResult[] {
  if (outcome.error) {
    const failed = outcome.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    throw new MigrationError(failed ? `migration ${failed} failed: ${reason}` : `migrations failed: ${reason}`);
  }
  return outcome.results ?? [];
}

/**
 * Whether the migrator failed before applying anything because another process changed the
 * catalog under it: Kysely reads every table's columns (`pg_get_serial_sequence` by name) before
 * it takes its lock, and a second process starting at the same moment may be installing
 * graphile-worker's schema, renaming tables as it goes (42P01, seen with two servers started
 * together on a new database).
 */
const raced = (outcome: { error?: unknown; results?: MigrationResult[] }) =>
  outcome.error !== undefined &&
  !outcome.results?.some((r) => r.status === 'Error') &&
  typeof outcome.error === 'object' &&
  outcome.error !== null &&
  'code' in outcome.error &&
  outcome.error.code === '42P01';

/** Applies every pending migration, in order, each in its own transaction. */
export async function migrateToLatest(db: AnyDb, folder?: string): Promise<MigrationResult[]> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await createMigrator(db, folder).migrateToLatest();
    // Nothing was applied, so reading the catalog again is safe.
    if (raced(outcome) && attempt < 5) await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    else return unwrap(outcome);
  }
}

/** Reverts the most recent migration. */
export async function migrateDown(db: AnyDb, folder?: string): Promise<MigrationResult[]> {
  return unwrap(await createMigrator(db, folder).migrateDown());
}

export interface MigrationStatus {
  name: string;
  executedAt: Date | undefined;
}

export async function migrationStatus(db: AnyDb, folder?: string): Promise<MigrationStatus[]> {
  const list = await createMigrator(db, folder).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}

/** Names of migrations that exist on disk but have not run. */
export async function pendingMigrations(db: AnyDb, folder?: string): Promise<string[]> {
  return (await migrationStatus(db, folder)).filter((m) => !m.executedAt).map((m) => m.name);
}
