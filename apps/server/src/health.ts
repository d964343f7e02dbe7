import { type Database, pendingMigrations } from '@patchbay/db';
import { Hono } from 'hono';
import { type Kysely, sql } from 'kysely';

const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Why the process cannot serve traffic yet, or undefined when it can. */
export async function notReadyReason(db: Kysely<Database>): Promise<string | undefined> {
  try {
    await withTimeout(sql`select 1`.execute(db), PROBE_TIMEOUT_MS, 'database probe');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `database unreachable${code ? ` (${code})` : `: ${(error as Error).message}`}`;
  }
  const pending = await withTimeout(pendingMigrations(db), PROBE_TIMEOUT_MS, 'migration check').catch((error: Error) => [error.message]);
  if (pending.length) return `${pending.length} migration(s) pending: ${pending.join(', ')}`;
  return undefined;
}

/** `/healthz`: the process is up. `/readyz`: the database answers and migrations are current. */
export function healthRoutes(db: Kysely<Database>) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const reason = await notReadyReason(db);
      return reason ? c.json({ status: 'unavailable', reason }, 503) : c.json({ status: 'ready' });
    });
}
