import { type Kysely, sql } from 'kysely';

/**
 * Tenant work runs as `patchbay_app`: a role that owns no table, is not superuser and cannot
 * bypass row-level security, so policies hold even when DATABASE_URL connects as a superuser.
 * Roles are cluster-wide, so `down` revokes what this migration granted but keeps the role,
 * which other databases on the same cluster may still use.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'patchbay_app') then
        create role patchbay_app nologin nosuperuser nobypassrls noinherit;
      end if;
      if not (select rolsuper from pg_roles where rolname = current_user) then
        execute format('grant patchbay_app to %I', current_user);
      end if;
    end
    $$`.execute(db);
  await sql`grant usage on schema public to patchbay_app`.execute(db);
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to patchbay_app`.execute(db);
  await sql`alter default privileges in schema public grant usage, select on sequences to patchbay_app`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter default privileges in schema public revoke usage, select on sequences from patchbay_app`.execute(db);
  await sql`alter default privileges in schema public revoke select, insert, update, delete on tables from patchbay_app`.execute(db);
  await sql`revoke usage on schema public from patchbay_app`.execute(db);
}
