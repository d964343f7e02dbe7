import { OAuthError } from './oauth-error.ts';
import type { TokenSet } from './types.ts';

export interface NormalizeOptions {
  scopeSeparator: string;
  defaultExpiresInSeconds: number | undefined;
  now: number;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Reads a standard (RFC 6749 section 5.1) token response. */
export function standardTokenResponse(raw: Record<string, unknown>, options: NormalizeOptions): TokenSet {
  const accessToken = str(raw.access_token);
  if (!accessToken) throw new OAuthError('bad_response', 'token response has no access_token');
  const expiresIn = typeof raw.expires_in === 'number' ? raw.expires_in : Number(str(raw.expires_in) ?? Number.NaN);
  const lifetime = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : options.defaultExpiresInSeconds;
  const scope = str(raw.scope);
  return {
    accessToken,
    refreshToken: str(raw.refresh_token),
    expiresAt: lifetime === undefined ? undefined : new Date(options.now + lifetime * 1000),
    scopes: scope === undefined ? undefined : scope.split(options.scopeSeparator === ' ' ? /\s+/ : options.scopeSeparator).filter(Boolean),
    tokenType: str(raw.token_type),
  };
}

/** Fills what a custom parser left out (expiry default) and checks it produced a token. */
export function completeTokenSet(tokens: TokenSet, options: NormalizeOptions): TokenSet {
  if (!tokens.accessToken) throw new OAuthError('bad_response', 'token response has no access token');
  if (tokens.expiresAt || options.defaultExpiresInSeconds === undefined) return tokens;
  return { ...tokens, expiresAt: new Date(options.now + options.defaultExpiresInSeconds * 1000) };
}
