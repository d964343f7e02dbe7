/**
 * @module Slack answers most failures with HTTP 200 and `{ ok: false, error }`
 * (https://docs.slack.dev/apis/web-api/#responses); this maps its error strings to our codes.
 * Rate limits come as HTTP 429 with Retry-After and keep the SDK's default handling.
 */
import { ConnectorError, type ConnectorErrorCode } from '@patchbay/sdk';

const CODES: Record<string, ConnectorErrorCode> = {
  not_authed: 'AUTH_INVALID',
  invalid_auth: 'AUTH_INVALID',
  account_inactive: 'AUTH_INVALID',
  token_revoked: 'AUTH_EXPIRED',
  token_expired: 'AUTH_EXPIRED',
  missing_scope: 'FORBIDDEN_SCOPE',
  not_in_channel: 'FORBIDDEN_SCOPE',
  restricted_action: 'FORBIDDEN_SCOPE',
  channel_not_found: 'NOT_FOUND',
  message_not_found: 'NOT_FOUND',
  users_not_found: 'NOT_FOUND',
  user_not_found: 'NOT_FOUND',
  already_reacted: 'CONFLICT',
  ratelimited: 'RATE_LIMITED',
  invalid_arguments: 'INVALID_INPUT',
  invalid_name: 'INVALID_INPUT',
  no_text: 'INVALID_INPUT',
  msg_too_long: 'INVALID_INPUT',
  cant_update_message: 'FORBIDDEN_SCOPE',
  edit_window_closed: 'CONFLICT',
  internal_error: 'UPSTREAM',
  fatal_error: 'UPSTREAM',
  service_unavailable: 'UPSTREAM',
};

export function slackError({ status, body }: { status: number; body: unknown }): ConnectorError | undefined {
  if (status !== 200 || !body || typeof body !== 'object') return undefined;
  const { ok, error, needed } = body as { ok?: boolean; error?: string; needed?: string };
  if (ok !== false) return undefined;
  const providerCode = error ?? 'unknown_error';
  const code = CODES[providerCode] ?? 'UPSTREAM';
  const detail = code === 'FORBIDDEN_SCOPE' && needed ? ` (needs ${needed})` : '';
  return new ConnectorError(code, `Slack refused: ${providerCode}${detail}`, { status, providerCode });
}
