import { type Kysely, sql } from 'kysely';

/**
 * Email that proves ownership and invitations that are accepted (issue 12).
 *
 * - `users.email_verified_at`: accounts that existed before verification are treated as verified,
 *   so an upgrade does not lock their owners out of their organizations.
 * - `account_tokens`: single-use verification and password-reset links, stored only as SHA-256.
 *   Like `sessions`, not tenant-owned, and closed to `patchbay_app`.
 * - `invitations` gain a hashed token and an expiry. Invitations from before this migration have
 *   no token, so they can never be accepted; admins see them in the list and invite again.
 *   Accepting starts before the tenant is known: the narrow `invitation_by_token` policy shows
 *   `patchbay_app` the one row whose hash the transaction names in `app.invitation_token_hash`,
 *   which only someone holding the mailed token can compute.
 * - `sign_in_failures.purpose`: the same throttle table also counts verification and reset requests.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column email_verified_at timestamptz`.execute(db);
  await sql`update users set email_verified_at = created_at`.execute(db);

  await sql`
    create table account_tokens (
      token_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      purpose text not null check (purpose in ('verify_email', 'reset_password')),
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index account_tokens_user_idx on account_tokens (user_id, purpose)`.execute(db);
  await sql`revoke all on account_tokens from patchbay_app`.execute(db);

  await sql`alter table invitations add column token_hash text`.execute(db);
  // The default is the invitation lifetime; the app always sets it (INVITATION_LIFETIME_MS).
  await sql`alter table invitations add column expires_at timestamptz not null default now() + interval '7 days'`.execute(db);
  await sql`create unique index invitations_token_key on invitations (token_hash)`.execute(db);
  await sql`create policy invitation_by_token on invitations for select to patchbay_app
    using (token_hash = nullif(current_setting('app.invitation_token_hash', true), ''))`.execute(db);

  await sql`alter table sign_in_failures add column purpose text not null default 'sign_in'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sign_in_failures drop column purpose`.execute(db);
  await sql`drop policy if exists invitation_by_token on invitations`.execute(db);
  await sql`drop index if exists invitations_token_key`.execute(db);
  await sql`alter table invitations drop column expires_at`.execute(db);
  await sql`alter table invitations drop column token_hash`.execute(db);
  await sql`drop table if exists account_tokens`.execute(db);
  await sql`alter table users drop column email_verified_at`.execute(db);
}
