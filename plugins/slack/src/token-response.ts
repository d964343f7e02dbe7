import { type TokenError, type TokenErrorVerdict, TokenResponseError, type TokenSet } from '@patchbay/sdk';

/** Slack's codes for a code or refresh token that will never work again: a person must reconnect. */
const DEAD_GRANT = new Set(['invalid_refresh_token', 'invalid_grant', 'invalid_code', 'code_already_used', 'token_expired']);
/** Codes that say the app's own credentials are wrong: the connection is in error, not the user's grant. */
const BAD_CLIENT = new Set(['bad_client_secret', 'invalid_client_id', 'invalid_client']);

/**
 * oauth.v2.access (https://docs.slack.dev/reference/methods/oauth.v2.access): the bot token is
 * `access_token` at the top level, the workspace is `team.id`, scopes are comma-separated, and a
 * failure is `{ ok: false, error }` with HTTP 200.
 */
export function slackTokenResponse(raw: Record<string, unknown>): TokenSet {
  if (raw.ok === false || typeof raw.access_token !== 'string') {
    // Slack refuses at HTTP 200 with its own codes; the engine reads a TokenResponseError like an OAuth error.
    const code = typeof raw.error === 'string' && raw.error !== '' ? raw.error : 'no_access_token';
    throw new TokenResponseError(BAD_CLIENT.has(code) ? 'invalid_client' : code);
  }
  const team = raw.team as { id?: string } | undefined;
  return {
    accessToken: raw.access_token,
    refreshToken: typeof raw.refresh_token === 'string' ? raw.refresh_token : undefined,
    expiresAt: typeof raw.expires_in === 'number' ? new Date(Date.now() + raw.expires_in * 1000) : undefined,
    scopes: typeof raw.scope === 'string' ? raw.scope.split(',').filter(Boolean) : undefined,
    tokenType: typeof raw.token_type === 'string' ? raw.token_type : undefined,
    providerAccountId: team?.id,
  };
}

/**
 * What a refused refresh means (PROVIDERS S2): with token rotation, a spent or revoked refresh
 * token comes back as `ok: false` at HTTP 200, which the default reading would retry forever.
 */
export function classifySlackTokenError({ error }: TokenError): TokenErrorVerdict | undefined {
  if (error === undefined) return undefined;
  if (DEAD_GRANT.has(error)) return 'needs_reauth';
  if (error === 'token_revoked') return 'revoked';
  return undefined;
}
