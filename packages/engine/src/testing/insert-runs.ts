import { randomUUID } from 'node:crypto';
import type { Database } from '@patchbay/db';
import type { InsertObject, Kysely } from 'kysely';

export type RunOverrides = Partial<InsertObject<Database, 'runs'>>;

/**
 * Writes run rows straight into the table, as a crashed worker or an older version left them;
 * unspecified columns make a queued async `effect.echo` run. Returns their ids, in order.
 */
export async function insertRuns(
  db: Kysely<Database>,
  owner: { tenantId: string; connectionId: string },
  rows: readonly RunOverrides[],
): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  await db
    .insertInto('runs')
    .values(
      rows.map((row, i) => ({
        tenant_id: owner.tenantId,
        id: ids[i] as string,
        connection_id: owner.connectionId,
        connector_id: 'effect',
        action: 'echo',
        connector_version: '1.0.0',
        mode: 'async' as const,
        status: 'queued' as const,
        input_hash: 'h',
        input: JSON.stringify({ message: 'inserted' }),
        max_attempts: 3,
        ...row,
      })),
    )
    .execute();
  return ids;
}
