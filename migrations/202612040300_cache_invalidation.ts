import { type Kysely, sql } from 'kysely';

/**
 * Server processes cache authenticated API keys and opened connections (issue 19). Every change
 * that matters to those caches announces itself on the `patchbay_cache` channel, from the
 * database, so no writer can forget: the app's own procedures, the refresher, `keys-rotate`, a
 * cascade from a deleted organization, an operator's SQL. Notifications go out at commit, in
 * commit order, and never for a rolled-back change. Payloads name rows, never secrets:
 * `k:<key prefix>` (the part of a key safe to show) and `c:<tenant id>:<connection id>`.
 * Bookkeeping writes (`last_used_at`, refresh leases, `last_error`) announce nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function patchbay_api_key_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('patchbay_cache', 'k:' || old.prefix);
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function patchbay_connection_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('patchbay_cache', 'c:' || old.tenant_id || ':' || old.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger api_keys_cache_update after update on api_keys for each row
      when ((old.revoked_at, old.expires_at, old.scopes, old.secret_hash, old.prefix, old.tenant_id)
            is distinct from (new.revoked_at, new.expires_at, new.scopes, new.secret_hash, new.prefix, new.tenant_id))
      execute function patchbay_api_key_changed()`.execute(db);
  await sql`create trigger api_keys_cache_delete after delete on api_keys for each row execute function patchbay_api_key_changed()`.execute(
    db,
  );
  await sql`
    create trigger connections_cache_update after update on connections for each row
      when ((old.status, old.credentials_sealed, old.scopes, old.metadata, old.expires_at, old.connector_id, old.auth_kind, old.tenant_id)
            is distinct from (new.status, new.credentials_sealed, new.scopes, new.metadata, new.expires_at, new.connector_id, new.auth_kind, new.tenant_id))
      execute function patchbay_connection_changed()`.execute(db);
  await sql`create trigger connections_cache_delete after delete on connections for each row execute function patchbay_connection_changed()`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists connections_cache_delete on connections`.execute(db);
  await sql`drop trigger if exists connections_cache_update on connections`.execute(db);
  await sql`drop trigger if exists api_keys_cache_delete on api_keys`.execute(db);
  await sql`drop trigger if exists api_keys_cache_update on api_keys`.execute(db);
  await sql`drop function if exists patchbay_connection_changed()`.execute(db);
  await sql`drop function if exists patchbay_api_key_changed()`.execute(db);
}
