/**
 * @module Connect sessions: a product's backend asks for one (API key), hands the URL to its
 * frontend, and an end user opens it to connect an account. The token is single use, expires
 * in 15 minutes, and only its SHA-256 is stored. Opening the link (GET) only looks the token up
 * (`findConnectSession`); it is spent by the page's POST (`claimConnectSession`), so link
 * scanners and previews that fetch URLs do not use it up.
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@patchbay/auth';
import { type Database, withSystem, withTenant } from '@patchbay/db';
import { parseConnectionParams } from '@patchbay/sdk';
import type { Kysely } from 'kysely';
import { EngineError } from '../engine-error.ts';
import type { ConnectorRegistry } from '../registry.ts';
import { assertReturnToAllowed } from './return-to.ts';

export const CONNECT_SESSION_TTL_MS = 15 * 60_000;
const TOKEN_PREFIX = 'pbc_';

export interface ConnectSessionDeps {
  db: Kysely<Database>;
  registry: ConnectorRegistry;
  /** The public base URL (the connect URL is built on it). */
  publicUrl: string;
}

export interface NewConnectSession {
  connectorId: string;
  endUserId?: string | undefined;
  returnTo: string;
  actor?: string | undefined;
  /**
   * Connection parameters (`connectionParams`), validated now: a bad one is refused before a link
   * exists. Left out, the connect page asks the end user for them.
   */
  params?: Record<string, unknown> | undefined;
}

export async function createConnectSession(
  deps: ConnectSessionDeps,
  tenantId: string,
  request: NewConnectSession,
): Promise<{ token: string; url: string; expiresAt: Date }> {
  const connector = deps.registry.get(request.connectorId);
  if (!connector) throw new EngineError('CONNECTOR_NOT_INSTALLED', `No installed connector ${request.connectorId}`);
  // OAuth, pasted credentials (API key, basic, a grant's secret): anything an end user can supply.
  if (connector.auth.kind === 'none') throw new EngineError('CONNECTOR_NOT_INSTALLED', `Connector ${connector.id} needs no connection`);
  const params = request.params === undefined ? {} : parseConnectionParams(connector, request.params);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + CONNECT_SESSION_TTL_MS);
  await withTenant(deps.db, tenantId, async (tx) => {
    await assertReturnToAllowed(tx, request.returnTo, new URL(deps.publicUrl).origin);
    await tx
      .insertInto('connect_sessions')
      .values({
        tenant_id: tenantId,
        token_hash: sha256Hex(token),
        connector_id: connector.id,
        end_user_id: request.endUserId ?? null,
        return_to: request.returnTo,
        created_by: request.actor ?? null,
        params: JSON.stringify(params),
        expires_at: expiresAt,
      })
      .execute();
  });
  const url = new URL(`/oauth/${encodeURIComponent(connector.id)}/authorize`, deps.publicUrl);
  url.searchParams.set('connect_token', token);
  return { token, url: url.toString(), expiresAt };
}

export interface ConnectSessionView {
  tenantId: string;
  connectorId: string;
  endUserId: string | null;
  returnTo: string;
  /** The link's own params: empty when the integrator left them to the connect page. */
  params: Record<string, unknown>;
}

export interface ClaimedConnectSession extends ConnectSessionView {
  /** When it was spent: `releaseConnectSession` un-spends exactly this claim. */
  claimedAt: Date;
}

const wellFormed = (token: string) => token.startsWith(TOKEN_PREFIX) && token.length <= 128;

/** The live connect session of a token for this connector, without using it up. */
export async function findConnectSession(
  db: Kysely<Database>,
  token: string,
  connectorId: string,
): Promise<ConnectSessionView | undefined> {
  if (!wellFormed(token)) return undefined;
  const row = await withSystem(db, (tx) =>
    tx
      .selectFrom('connect_sessions')
      .select(['tenant_id', 'connector_id', 'end_user_id', 'return_to', 'params'])
      .where('token_hash', '=', sha256Hex(token))
      .where('connector_id', '=', connectorId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .executeTakeFirst(),
  );
  return row
    ? { tenantId: row.tenant_id, connectorId: row.connector_id, endUserId: row.end_user_id, returnTo: row.return_to, params: row.params }
    : undefined;
}

/**
 * Un-spends a claim whose connection was not made (the provider refused the pasted key): the
 * end user corrects it on the same link. Claiming first keeps two concurrent submits from
 * both making a connection; only this claim's own timestamp is released.
 */
export async function releaseConnectSession(db: Kysely<Database>, token: string, claimedAt: Date): Promise<void> {
  if (!wellFormed(token)) return;
  await withSystem(db, (tx) =>
    tx
      .updateTable('connect_sessions')
      .set({ used_at: null })
      .where('token_hash', '=', sha256Hex(token))
      .where('used_at', '=', claimedAt)
      .execute(),
  );
}

/**
 * Uses a connect token up: resolves once per token, before it expires, and only for the
 * connector it was made for (a wrong connector path leaves it unspent); undefined otherwise.
 */
export async function claimConnectSession(
  db: Kysely<Database>,
  token: string,
  connectorId: string,
): Promise<ClaimedConnectSession | undefined> {
  if (!wellFormed(token)) return undefined;
  const claimedAt = new Date();
  const row = await withSystem(db, (tx) =>
    tx
      .updateTable('connect_sessions')
      .set({ used_at: claimedAt })
      .where('token_hash', '=', sha256Hex(token))
      .where('connector_id', '=', connectorId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['tenant_id', 'connector_id', 'end_user_id', 'return_to', 'params'])
      .executeTakeFirst(),
  );
  return row
    ? {
        tenantId: row.tenant_id,
        connectorId: row.connector_id,
        endUserId: row.end_user_id,
        returnTo: row.return_to,
        params: row.params,
        claimedAt,
      }
    : undefined;
}
