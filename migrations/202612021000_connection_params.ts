import { type Kysely, sql } from 'kysely';

/**
 * Connection parameters (a Shopify shop) are collected before OAuth starts: a connect session
 * carries them to the flow, and the flow to the connection it saves (`connections.metadata.params`).
 * Validated by the connector's schema before they are stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table connect_sessions add column params jsonb not null default '{}'::jsonb`.execute(db);
  await sql`alter table oauth_flows add column params jsonb not null default '{}'::jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table oauth_flows drop column params`.execute(db);
  await sql`alter table connect_sessions drop column params`.execute(db);
}
