import { type Kysely, sql } from 'kysely';

/**
 * Connections may use the two grants the engine runs without a person at the provider:
 * `clientCredentials` (RFC 6749 section 4.4) and `jwtBearer` (RFC 7523 service accounts).
 * Rolling back while such connections exist fails on the restored check: delete them first,
 * the old code could not use them anyway.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table connections drop constraint connections_auth_kind_check`.execute(db);
  await sql`alter table connections add constraint connections_auth_kind_check
    check (auth_kind in ('oauth2', 'apiKey', 'basic', 'none', 'clientCredentials', 'jwtBearer'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table connections drop constraint connections_auth_kind_check`.execute(db);
  await sql`alter table connections add constraint connections_auth_kind_check
    check (auth_kind in ('oauth2', 'apiKey', 'basic', 'none'))`.execute(db);
}
