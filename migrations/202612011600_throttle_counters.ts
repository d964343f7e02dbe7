import { type Kysely, sql } from 'kysely';

/**
 * Attempt counters for throttling, one row per bucket (say `sign-in:<email>|<address>`). An
 * attempt is taken with one conditional upsert before any password is hashed, so parallel
 * requests cannot all pass a check that they are each about to invalidate (the old
 * count-then-insert on `sign_in_failures` let 173 of 200 parallel guesses through).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table throttle_counters (
      bucket text primary key,
      hits integer not null,
      window_started_at timestamptz not null default now()
    )`.execute(db);
  // Like the other account tables: only the owner role (the auth code) touches it.
  await sql`alter table throttle_counters enable row level security`.execute(db);
  await sql`revoke all on throttle_counters from public`.execute(db);
  // Retention also drops counters whose window ended a day ago.
  await sql`
    create or replace function patchbay_prune_accounts(out pruned_sessions bigint, out pruned_sign_in_failures bigint)
    language plpgsql volatile security definer set search_path = pg_catalog, pg_temp
    as $$
    declare
      counters bigint;
    begin
      delete from public.sessions s where s.expires_at < now();
      get diagnostics pruned_sessions = row_count;
      delete from public.sign_in_failures f where f.failed_at < now() - interval '1 day';
      get diagnostics pruned_sign_in_failures = row_count;
      delete from public.throttle_counters t where t.window_started_at < now() - interval '1 day';
      get diagnostics counters = row_count;
      pruned_sign_in_failures := pruned_sign_in_failures + counters;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function patchbay_prune_accounts(out pruned_sessions bigint, out pruned_sign_in_failures bigint)
    language plpgsql volatile security definer set search_path = pg_catalog, pg_temp
    as $$
    begin
      delete from public.sessions s where s.expires_at < now();
      get diagnostics pruned_sessions = row_count;
      delete from public.sign_in_failures f where f.failed_at < now() - interval '1 day';
      get diagnostics pruned_sign_in_failures = row_count;
    end
    $$`.execute(db);
  await sql`drop table throttle_counters`.execute(db);
}
