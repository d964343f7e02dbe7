/**
 * @module The error a connector's token hooks throw to say what a token endpoint's answer meant,
 * when the provider does not say it the RFC 6749 way (TikTok Business answers `code != 0` with
 * HTTP 200). The engine reads `error` as the OAuth error code: `invalid_grant` makes the
 * connection `needs_reauth`, and `classifyTokenError` sees it like any other code.
 */
const BRAND = Symbol.for('patchbay.sdk.TokenResponseError');

export class TokenResponseError extends Error {
  override readonly name = 'TokenResponseError';
  /** An OAuth error code (`invalid_grant`, `invalid_client`, ...) or the provider's own. */
  readonly error: string;
  readonly status: number | undefined;

  /**
   * @example
   * parseTokenResponse: (raw) => {
   *   if (raw.code !== 0) throw new TokenResponseError(raw.code === 40105 ? 'invalid_grant' : 'provider_error');
   *   return { accessToken: String((raw.data as { access_token: string }).access_token) };
   * }
   */
  constructor(error: string, options: { status?: number | undefined } = {}) {
    super(`The token endpoint refused: ${error}`);
    this.error = error;
    this.status = options.status;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for a TokenResponseError from any copy of the SDK (a plugin may bundle its own). */
export function isTokenResponseError(error: unknown): error is TokenResponseError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}
