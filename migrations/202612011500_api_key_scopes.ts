import { type Kysely, sql } from 'kysely';

/**
 * API keys carry scopes and an optional expiry. Existing keys get `admin`, the power every key
 * had before, so nothing that works today breaks; new keys name the scopes they need.
 * `created_by` loses its foreign key: with `on delete set null`, a key minted by someone who
 * then deleted their account forgot its maker, so it could not be listed as orphaned.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table api_keys add column scopes text[] not null default '{admin}', add column expires_at timestamptz`.execute(db);
  await sql`alter table api_keys add constraint api_keys_scopes_known check (
    cardinality(scopes) > 0 and scopes <@ array['admin', 'actions:run', 'runs:read', 'connections:read', 'connections:write']::text[]
  )`.execute(db);
  await sql`alter table api_keys drop constraint if exists api_keys_created_by_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update api_keys set created_by = null where created_by not in (select id from users)`.execute(db);
  await sql`alter table api_keys add constraint api_keys_created_by_fkey foreign key (created_by) references users (id) on delete set null`.execute(
    db,
  );
  await sql`alter table api_keys drop constraint api_keys_scopes_known, drop column scopes, drop column expires_at`.execute(db);
}
