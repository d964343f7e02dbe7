import { type Kysely, sql } from 'kysely';

/**
 * The `credentials:read` API-key scope (issue 17): `connections.credentials` returns a
 * connection's access token to a key made with it, and to nothing else (`admin` does not imply it).
 */
const BEFORE = ['admin', 'actions:run', 'runs:read', 'connections:read', 'connections:write', 'events:read', 'proxy'];
const AFTER = [...BEFORE, 'credentials:read'];

async function allow(db: Kysely<unknown>, scopes: readonly string[]): Promise<void> {
  const list = sql.raw(`array[${scopes.map((s) => `'${s}'`).join(', ')}]::text[]`);
  await sql`alter table api_keys drop constraint api_keys_scopes_known`.execute(db);
  await sql`alter table api_keys add constraint api_keys_scopes_known check (cardinality(scopes) > 0 and scopes <@ ${list})`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await allow(db, AFTER);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update api_keys set scopes = array_remove(scopes, 'credentials:read')`.execute(db);
  await sql`update api_keys set scopes = '{admin}', revoked_at = coalesce(revoked_at, now()) where cardinality(scopes) = 0`.execute(db);
  await allow(db, BEFORE);
}
