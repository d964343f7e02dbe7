import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** SQLSTATEs worth another try: insufficient_privilege (see below), object_in_use (sessions still closing). */
const TRANSIENT = new Set(['42501', '55006']);

/**
 * Drops a test database, ending the sessions still in it. `with (force)` refuses a non-superuser
 * owner (the managed-Postgres CI pass) when an autovacuum worker happens to be in the database:
 * that worker belongs to no role the owner is a member of. A plain DROP DATABASE tells autovacuum
 * to leave by itself, so that is the fallback; both are tried again while sessions close.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const target = client.escapeIdentifier(name);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`drop database if exists ${target} with (force)`);
        return;
      } catch (forced) {
        if ((forced as { code?: string }).code !== '42501') throw forced;
      }
      try {
        await client.query(`drop database if exists ${target}`);
        return;
      } catch (plain) {
        if (attempt >= 10 || !TRANSIENT.has((plain as { code?: string }).code ?? '')) throw plain;
        await sleep(200 * attempt);
      }
    }
  } finally {
    await client.end();
  }
}
