import type { TokenSet } from '@patchbay/sdk';

/**
 * LinkedIn's token response (https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow#step-3-exchange-authorization-code-for-an-access-token):
 * `{ access_token, expires_in: 5184000, scope: 'r_organization_social,w_organization_social' }`, plus
 * `refresh_token` and `refresh_token_expires_in` for apps approved for programmatic refresh. The
 * authorize URL takes scopes space-separated but the answer lists them comma-separated.
 */
export function linkedinTokenResponse(raw: Record<string, unknown>): TokenSet {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const expiresIn = typeof raw.expires_in === 'number' ? raw.expires_in : Number(text(raw.expires_in) ?? Number.NaN);
  const scope = text(raw.scope);
  return {
    accessToken: text(raw.access_token) ?? '',
    refreshToken: text(raw.refresh_token),
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000) : undefined,
    scopes: scope?.split(/[,\s]+/).filter(Boolean),
    tokenType: text(raw.token_type),
  };
}
