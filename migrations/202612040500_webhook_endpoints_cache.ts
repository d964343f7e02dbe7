import { type Kysely, sql } from 'kysely';

/**
 * Server processes keep each tenant's webhook endpoints in memory (which event types go where),
 * so the hot path does not read them on every call. A change to the set announces itself on
 * `patchbay_cache` as `w:<tenant id>`, from the database, so every process hears of it at
 * commit (migration 202612040300 does the same for keys and connections). Delivery
 * bookkeeping (`last_delivery_*`) and secret rotation announce nothing: the cache holds neither.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function patchbay_webhook_endpoints_changed() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform pg_notify('patchbay_cache', 'w:' || old.tenant_id); end if;
      if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.tenant_id is distinct from old.tenant_id) then
        perform pg_notify('patchbay_cache', 'w:' || new.tenant_id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger webhook_endpoints_cache_insert after insert on webhook_endpoints for each row
      execute function patchbay_webhook_endpoints_changed()`.execute(db);
  await sql`
    create trigger webhook_endpoints_cache_update after update on webhook_endpoints for each row
      when ((old.events, old.tenant_id, old.id) is distinct from (new.events, new.tenant_id, new.id))
      execute function patchbay_webhook_endpoints_changed()`.execute(db);
  await sql`
    create trigger webhook_endpoints_cache_delete after delete on webhook_endpoints for each row
      execute function patchbay_webhook_endpoints_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists webhook_endpoints_cache_delete on webhook_endpoints`.execute(db);
  await sql`drop trigger if exists webhook_endpoints_cache_update on webhook_endpoints`.execute(db);
  await sql`drop trigger if exists webhook_endpoints_cache_insert on webhook_endpoints`.execute(db);
  await sql`drop function if exists patchbay_webhook_endpoints_changed()`.execute(db);
}
