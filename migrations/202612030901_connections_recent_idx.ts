import { type Kysely, sql } from 'kysely';

/**
 * `connections.list` pages a tenant's connections newest first with a cursor (issue 16: no
 * 500-row cap), and the dashboard filters them by connector and status: indexes for both orders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists connections_recent_idx on connections (tenant_id, created_at desc, id desc)`.execute(db);
  await sql`create index if not exists connections_connector_recent_idx on connections (tenant_id, connector_id, created_at desc, id desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists connections_connector_recent_idx`.execute(db);
  await sql`drop index if exists connections_recent_idx`.execute(db);
}
