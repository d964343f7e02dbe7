/**
 * @module Seeds tenants, API keys and connections straight into a server's database, in
 * batches, sealed with the server's key ring exactly as the server would seal them.
 */
import { randomUUID } from 'node:crypto';
import { generateApiKey, type KeyRing, sealJson } from '@patchbay/auth';
import type { ConnectionsTable, Database } from '@patchbay/db';
import { CREDENTIALS_PURPOSE } from '@patchbay/engine';
import { type Insertable, type Kysely, sql } from 'kysely';

export interface SeededTenant {
  id: string;
  apiKey: string;
  /** Connection ids of this tenant, for the given connector. */
  connections: string[];
}

const BATCH = 1000;

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export type SeededConnector = 'bench-key' | 'bench-oauth' | 'stripe';

function seedCredentials(connector: SeededConnector, c: number): Record<string, string> {
  if (connector === 'bench-oauth') return { accessToken: `at_seed_${c}`, refreshToken: `rt_seed_${c}` };
  return connector === 'stripe' ? { secretKey: `sk_test_bench${c}` } : { token: `tok_${c}` };
}

/** One connection of `connector` with seed credentials sealed for its tenant and id. */
export function connectionRow(
  ring: KeyRing,
  tenantId: string,
  connectionId: string,
  connector: SeededConnector,
  c: number,
  expiresAt?: Date,
): Insertable<ConnectionsTable> {
  return {
    tenant_id: tenantId,
    id: connectionId,
    connector_id: connector,
    auth_kind: connector === 'bench-oauth' ? 'oauth2' : 'apiKey',
    credentials_sealed: sealJson(ring, seedCredentials(connector, c), { tenantId, recordId: connectionId, purpose: CREDENTIALS_PURPOSE }),
    expires_at: expiresAt ?? null,
    metadata: '{}',
  };
}

/**
 * `tenants` organizations, each with an API key and `connectionsPerTenant` connections of
 * `bench-key` (or `bench-oauth`, with tokens and an expiry; or `stripe`, for its webhook trigger).
 */
export async function seedTenants(
  db: Kysely<Database>,
  ring: KeyRing,
  options: { tenants: number; connectionsPerTenant: number; connector?: SeededConnector; expiresAt?: Date },
): Promise<SeededTenant[]> {
  const connector = options.connector ?? 'bench-key';
  const tenants: SeededTenant[] = [];
  const orgs: { id: string; name: string }[] = [];
  const keys: { tenant_id: string; name: string; prefix: string; secret_hash: string }[] = [];
  const connections: Insertable<ConnectionsTable>[] = [];
  for (let t = 0; t < options.tenants; t++) {
    const id = randomUUID();
    const key = generateApiKey();
    orgs.push({ id, name: `bench tenant ${t}` });
    keys.push({ tenant_id: id, name: 'bench', prefix: key.prefix, secret_hash: key.secretHash });
    const ids: string[] = [];
    for (let c = 0; c < options.connectionsPerTenant; c++) {
      const connectionId = randomUUID();
      ids.push(connectionId);
      connections.push(connectionRow(ring, id, connectionId, connector, c, options.expiresAt));
    }
    tenants.push({ id, apiKey: key.key, connections: ids });
  }
  await inBatches(orgs, (batch) => db.insertInto('organizations').values(batch).execute());
  await inBatches(keys, (batch) => db.insertInto('api_keys').values(batch).execute());
  await inBatches(connections, (batch) => db.insertInto('connections').values(batch).execute());
  await sql`analyze`.execute(db);
  return tenants;
}
