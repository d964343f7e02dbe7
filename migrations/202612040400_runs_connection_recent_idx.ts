import { type Kysely, sql } from 'kysely';

/**
 * A connection's newest runs: `connections.list` shows each row's last run, `connections.get`
 * its last five, and `runs.list` filters by connection. Without this, each read walked the
 * tenant's runs newest first until it met the connection's, which for a quiet connection in a
 * busy tenant (bench S13: 100k runs) is every run. The cost is one more index entry per run insert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists runs_connection_recent_idx on runs (tenant_id, connection_id, created_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists runs_connection_recent_idx`.execute(db);
}
