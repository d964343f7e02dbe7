import { ConnectorError, type TokenSet } from '@patchbay/sdk';

/**
 * oauth.v2.access (https://docs.slack.dev/reference/methods/oauth.v2.access): the bot token is
 * `access_token` at the top level, the workspace is `team.id`, scopes are comma-separated, and a
 * failure is `{ ok: false, error }` with HTTP 200.
 */
export function slackTokenResponse(raw: Record<string, unknown>): TokenSet {
  if (raw.ok === false || typeof raw.access_token !== 'string') {
    throw new ConnectorError('AUTH_INVALID', `Slack refused the token request: ${String(raw.error ?? 'no access_token')}`, {
      providerCode: String(raw.error ?? ''),
    });
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
