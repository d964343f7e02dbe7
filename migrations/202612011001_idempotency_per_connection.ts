import { type Kysely, sql } from 'kysely';

/**
 * An idempotency key names one call on one connection: the same key sent for two connections
 * (two provider accounts) is two calls, and each must reach its provider. The reservation index
 * therefore includes the connection.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists runs_idempotency_key`.execute(db);
  await sql`create unique index runs_idempotency_key on runs (tenant_id, connection_id, idempotency_key) where idempotency_key is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists runs_idempotency_key`.execute(db);
  await sql`create unique index runs_idempotency_key on runs (tenant_id, idempotency_key) where idempotency_key is not null`.execute(db);
}
