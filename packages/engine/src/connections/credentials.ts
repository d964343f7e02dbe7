/**
 * @module A connection's credentials at rest: one vault-sealed JSON value per connection, bound
 * to its tenant, its id and its purpose, so a ciphertext copied onto another row does not open.
 */
import { type KeyRing, openJson, sealJson } from '@patchbay/auth';

export const CREDENTIALS_PURPOSE = 'connection.credentials';

/** What an OAuth connection keeps; the refresh token never reaches connector code. */
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

/** The credentials an action sees: for OAuth, the access token only. */
export function actionCredentials(authKind: string, stored: StoredCredentials): Record<string, unknown> {
  if (authKind !== 'oauth2') return stored;
  const { accessToken, tokenType, account } = stored as unknown as StoredOAuthCredentials;
  return { accessToken, ...(tokenType ? { tokenType } : {}), ...(account ? { account } : {}) };
}
