import { type Kysely, sql } from 'kysely';

/**
 * Two API-key scopes (issue 17): `events:read` lists received trigger events, and `proxy` sends
 * requests through `/proxy/<connection id>/...` with a connection's credentials. Neither is
 * implied by another scope except `admin`.
 */
const BEFORE = ['admin', 'actions:run', 'runs:read', 'connections:read', 'connections:write'];
const AFTER = [...BEFORE, 'events:read', 'proxy'];

async function allow(db: Kysely<unknown>, scopes: readonly string[]): Promise<void> {
  const list = sql.raw(`array[${scopes.map((s) => `'${s}'`).join(', ')}]::text[]`);
  await sql`alter table api_keys drop constraint api_keys_scopes_known`.execute(db);
  await sql`alter table api_keys add constraint api_keys_scopes_known check (cardinality(scopes) > 0 and scopes <@ ${list})`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await allow(db, AFTER);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update api_keys set scopes = array_remove(array_remove(scopes, 'events:read'), 'proxy')`.execute(db);
  await sql`update api_keys set scopes = '{admin}', revoked_at = coalesce(revoked_at, now()) where cardinality(scopes) = 0`.execute(db);
  await allow(db, BEFORE);
}
