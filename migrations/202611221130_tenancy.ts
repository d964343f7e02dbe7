import { type Kysely, sql } from 'kysely';

/**
 * Users, organizations (the tenants), memberships, invitations, sessions, API keys, sign-in
 * throttling and the audit log.
 *
 * Tenant-owned tables carry `tenant_id` leading their primary key and have ENABLE + FORCE row
 * level security: `patchbay_app` sees only rows of `app.tenant_id`; memberships also show a
 * user their own rows under `app.user_id` (to list their organizations). API-key
 * authentication happens before the tenant is known, so it runs as `patchbay_auth`, a role
 * that may only read api_keys (and touch `last_used_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'patchbay_auth') then
        create role patchbay_auth nologin nosuperuser nobypassrls noinherit;
      end if;
      if not (select rolsuper from pg_roles where rolname = current_user) then
        execute format('grant patchbay_auth to %I', current_user);
      end if;
    end
    $$`.execute(db);
  await sql`grant usage on schema public to patchbay_auth`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text,
      password_hash text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await sql`
    create table organizations (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table memberships (
      tenant_id uuid not null references organizations (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      role text not null check (role in ('owner', 'admin', 'member')),
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id)
    )`.execute(db);
  await sql`create index memberships_user_idx on memberships (user_id)`.execute(db);

  await sql`
    create table invitations (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      email text not null,
      role text not null check (role in ('owner', 'admin', 'member')),
      invited_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id)
    )`.execute(db);
  await sql`create unique index invitations_email_key on invitations (tenant_id, lower(email))`.execute(db);

  await sql`
    create table sessions (
      id text primary key,
      user_id uuid not null references users (id) on delete cascade,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table api_keys (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      name text not null,
      prefix text not null,
      secret_hash text not null,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (tenant_id, id)
    )`.execute(db);
  await sql`create unique index api_keys_prefix_key on api_keys (prefix)`.execute(db);

  await sql`
    create table sign_in_failures (
      email text not null,
      ip text not null,
      failed_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sign_in_failures_key on sign_in_failures (lower(email), ip, failed_at)`.execute(db);

  await sql`
    create table audit_log (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id bigint generated always as identity,
      actor_type text not null check (actor_type in ('user', 'api_key', 'system')),
      actor_id text,
      action text not null,
      target text,
      details jsonb not null default '{}',
      created_at timestamptz not null default now(),
      primary key (tenant_id, id)
    )`.execute(db);

  const tenantCondition = sql.raw(`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`);
  for (const table of ['memberships', 'invitations', 'api_keys', 'audit_log']) {
    const t = sql.table(table);
    await sql`alter table ${t} enable row level security`.execute(db);
    await sql`alter table ${t} force row level security`.execute(db);
    await sql`create policy tenant_isolation on ${t} to patchbay_app using (${tenantCondition}) with check (${tenantCondition})`.execute(
      db,
    );
  }
  await sql`alter table organizations enable row level security`.execute(db);
  await sql`alter table organizations force row level security`.execute(db);
  await sql`create policy tenant_self on organizations to patchbay_app
    using (id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (id = nullif(current_setting('app.tenant_id', true), '')::uuid)`.execute(db);
  await sql`create policy member_orgs on organizations for select to patchbay_app
    using (exists (select 1 from memberships m where m.tenant_id = organizations.id
                   and m.user_id = nullif(current_setting('app.user_id', true), '')::uuid))`.execute(db);
  await sql`create policy member_self on memberships for select to patchbay_app
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)`.execute(db);
  await sql`create policy key_lookup on api_keys for select to patchbay_auth using (true)`.execute(db);
  await sql`create policy key_touch on api_keys for update to patchbay_auth using (true) with check (true)`.execute(db);
  await sql`grant select, update (last_used_at) on api_keys to patchbay_auth`.execute(db);
  // Tenant work may read who its own members are (never their credentials), and may resolve
  // an email to a user id for invitations without being able to list other tenants' users.
  await sql`revoke all on users, sessions, sign_in_failures from patchbay_app`.execute(db);
  await sql`grant select (id, email, name) on users to patchbay_app`.execute(db);
  await sql`alter table users enable row level security`.execute(db);
  await sql`create policy co_members on users for select to patchbay_app
    using (exists (select 1 from memberships m where m.user_id = users.id
                   and m.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid))`.execute(db);
  await sql`
    create function user_id_for_email(address text) returns uuid
    language sql stable security definer set search_path = public, pg_temp
    as $$ select id from users where lower(email) = lower(address) $$`.execute(db);
  await sql`revoke all on function user_id_for_email(text) from public`.execute(db);
  await sql`grant execute on function user_id_for_email(text) to patchbay_app`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // These policies read memberships, so they go before it.
  await sql`drop policy if exists member_orgs on organizations`.execute(db);
  await sql`drop policy if exists co_members on users`.execute(db);
  await sql`drop function if exists user_id_for_email(text)`.execute(db);
  for (const table of ['audit_log', 'sign_in_failures', 'api_keys', 'sessions', 'invitations', 'memberships', 'organizations', 'users']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`revoke usage on schema public from patchbay_auth`.execute(db);
}
