import { type Kysely, sql } from 'kysely';

/**
 * A refresh lease on the connection row, replacing the row lock held across the token call: a
 * short transaction claims the lease (owner + expiry) and commits, the provider is called with
 * no pool connection held, and a second short transaction writes the tokens and releases it.
 * A holder that crashed stops blocking others once `refresh_lock_until` passes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table connections add column refresh_lock_until timestamptz, add column refresh_lock_owner uuid`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table connections drop column refresh_lock_until, drop column refresh_lock_owner`.execute(db);
}
