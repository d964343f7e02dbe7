import { type Kysely, sql } from 'kysely';

/**
 * Connecting accounts: per-tenant OAuth apps, connect sessions for end users, in-flight OAuth
 * flows and the connections themselves. Every secret column holds a vault-sealed value
 * (`v1.<keyId>....`), never plaintext.
 *
 * Work that spans tenants (the OAuth callback finding its flow by state, a connect token
 * finding its session, key rotation, the scheduled refresher) runs as `patchbay_system`: a
 * NOLOGIN role whose policies see every row of these tables and nothing of the account tables.
 * Policies rather than BYPASSRLS, because only a superuser may grant BYPASSRLS.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'patchbay_system') then
        create role patchbay_system nologin nosuperuser nobypassrls noinherit;
      end if;
      if not (select rolsuper from pg_roles where rolname = current_user) then
        execute format('grant patchbay_system to %I', current_user);
      end if;
    end
    $$`.execute(db);
  await sql`grant usage on schema public to patchbay_system`.execute(db);

  await sql`alter table organizations add column allowed_return_origins text[] not null default '{}'`.execute(db);

  await sql`
    create table oauth_apps (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      connector_id text not null,
      client_id text not null,
      client_secret_sealed text not null,
      scopes text[],
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, connector_id)
    )`.execute(db);

  await sql`
    create table connect_sessions (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      token_hash text not null,
      connector_id text not null,
      end_user_id text,
      return_to text not null,
      created_by text,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id)
    )`.execute(db);
  await sql`create unique index connect_sessions_token_key on connect_sessions (token_hash)`.execute(db);

  await sql`
    create table oauth_flows (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      state_hash text not null,
      connector_id text not null,
      user_id uuid,
      end_user_id text,
      connection_id uuid,
      code_verifier_sealed text,
      expected_issuer text,
      redirect_uri text not null,
      return_to text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id)
    )`.execute(db);
  await sql`create unique index oauth_flows_state_key on oauth_flows (state_hash)`.execute(db);

  await sql`
    create table connections (
      tenant_id uuid not null references organizations (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      connector_id text not null,
      auth_kind text not null check (auth_kind in ('oauth2', 'apiKey', 'basic', 'none')),
      name text,
      status text not null default 'active' check (status in ('active', 'needs_reauth', 'revoked', 'error')),
      credentials_sealed text,
      scopes text[] not null default '{}',
      expires_at timestamptz,
      provider_account_id text,
      end_user_id text,
      metadata jsonb not null default '{}',
      last_error text,
      last_error_at timestamptz,
      refreshed_at timestamptz,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id)
    )`.execute(db);
  await sql`create unique index connections_account_key on connections (tenant_id, connector_id, provider_account_id)
    where provider_account_id is not null`.execute(db);
  await sql`create index connections_expiry_idx on connections (expires_at) where status = 'active' and expires_at is not null`.execute(db);

  const tenantCondition = sql.raw(`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`);
  for (const table of ['oauth_apps', 'connect_sessions', 'oauth_flows', 'connections']) {
    const t = sql.table(table);
    await sql`alter table ${t} enable row level security`.execute(db);
    await sql`alter table ${t} force row level security`.execute(db);
    await sql`create policy tenant_isolation on ${t} to patchbay_app using (${tenantCondition}) with check (${tenantCondition})`.execute(
      db,
    );
    await sql`create policy system_all on ${t} to patchbay_system using (true) with check (true)`.execute(db);
    await sql`grant select, insert, update, delete on ${t} to patchbay_system`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['connections', 'oauth_flows', 'connect_sessions', 'oauth_apps']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`alter table organizations drop column if exists allowed_return_origins`.execute(db);
  await sql`revoke usage on schema public from patchbay_system`.execute(db);
}
