import { type Kysely, sql } from 'kysely';

/**
 * Which surface a run came through (issue 18): `trpc`, the REST routes under `/v1` (`rest`),
 * an MCP tool call (`mcp`) or `/proxy` (`proxy`). Older rows keep the default: an action may
 * itself be named like the proxy's pseudo-action, so no backfill guesses at them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table runs add column channel text not null default 'trpc'`.execute(db);
  await sql`alter table runs add constraint runs_channel_known check (channel in ('trpc', 'rest', 'mcp', 'proxy'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table runs drop column channel`.execute(db);
}
