/**
 * @module A connection's credentials at rest: one vault-sealed JSON value per connection, bound
 * to its tenant, its id and its purpose, so a ciphertext copied onto another row does not open.
 */
import { type KeyRing, openJson, sealJson } from '@patchbay/auth';

export const CREDENTIALS_PURPOSE = 'connection.credentials';

/** What an OAuth connection keeps; the refresh token never reaches actions (only the connector's OAuth hooks). */
export interface StoredOAuthCredentials {
  accessToken: string;
  refreshToken?: string | undefined;
  tokenType?: string | undefined;
  /** The chosen account's own credentials (`discover`), when it gave some. */
  account?: Readonly<Record<string, string>> | undefined;
}

export type StoredCredentials = Record<string, unknown>;

export function sealCredentials(ring: KeyRing, tenantId: string, connectionId: string, credentials: StoredCredentials): string {
  return sealJson(ring, credentials, { tenantId, recordId: connectionId, purpose: CREDENTIALS_PURPOSE });
}

export function openCredentials(ring: KeyRing, tenantId: string, connectionId: string, sealed: string): StoredCredentials {
  return openJson<StoredCredentials>(ring, sealed, { tenantId, recordId: connectionId, purpose: CREDENTIALS_PURPOSE });
}

/** Auth kinds whose stored credentials include what actions must not see (refresh token, client secret, key). */
const TOKEN_KINDS = new Set(['oauth2', 'clientCredentials', 'jwtBearer']);

/** The credentials an action sees: for OAuth and the grants, the access token only. */
export function actionCredentials(authKind: string, stored: StoredCredentials): Record<string, unknown> {
  if (!TOKEN_KINDS.has(authKind)) return stored;
  const { accessToken, tokenType, account } = stored as unknown as StoredOAuthCredentials;
  return { accessToken, ...(tokenType ? { tokenType } : {}), ...(account ? { account } : {}) };
}
