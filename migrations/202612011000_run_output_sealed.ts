import { type Kysely, sql } from 'kysely';

/**
 * A vault-sealed copy of a keyed run's output, for idempotent replays: `output` is the redacted,
 * size-capped display copy and cannot be handed back as the call's result (a Stripe
 * `clientSecret` would come back as "[redacted]"). Sealed text, like every other sealed column,
 * bound to the run's tenant and id; key rotation re-seals it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table runs add column output_sealed text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table runs drop column if exists output_sealed`.execute(db);
}
