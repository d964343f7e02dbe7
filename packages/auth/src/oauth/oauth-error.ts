export type OAuthErrorCode =
  /** The grant (code or refresh token) is invalid, expired or revoked: the user must authorize again. */
  | 'invalid_grant'
  /** The provider rejected our client id or secret. */
  | 'invalid_client'
  /** The user declined. */
  | 'access_denied'
  /** The provider answered with another OAuth error. */
  | 'provider_error'
  /** The provider answered with something that is not a usable token response. */
  | 'bad_response'
  /** The provider could not be reached. */
  | 'unreachable'
  | 'timeout';

/** An OAuth failure. Messages carry the provider's error code, never tokens or secrets. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  readonly code: OAuthErrorCode;
  /** The provider's own error code (`invalid_scope`, ...), when it sent one. */
  readonly providerCode: string | undefined;
  readonly status: number | undefined;

  constructor(code: OAuthErrorCode, message: string, details: { providerCode?: string | undefined; status?: number | undefined } = {}) {
    super(message);
    this.code = code;
    this.providerCode = details.providerCode;
    this.status = details.status;
  }
}

/** Maps an OAuth `error` value from a provider to our code. */
export function errorCodeFor(providerCode: string): OAuthErrorCode {
  if (providerCode === 'invalid_grant' || providerCode === 'access_denied' || providerCode === 'invalid_client') return providerCode;
  return 'provider_error';
}
