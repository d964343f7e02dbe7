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

/** Applies every pending migration, in order, each in its own transaction. */
export async function migrateToLatest(db: AnyDb, folder?: string): Promise<MigrationResult[]> {
  return unwrap(await createMigrator(db, folder).migrateToLatest());
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
