import type { Database } from '@patchbay/db';
import type { Kysely } from 'kysely';

/** What every procedure receives. The server builds one per request. */
export interface ApiContext {
  db: Kysely<Database>;
  requestId: string;
  /** The running Patchbay version, reported by `system.version`. */
  version: string;
}
