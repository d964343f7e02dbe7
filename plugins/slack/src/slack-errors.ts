/**
 * @module Slack answers most failures with HTTP 200 and `{ ok: false, error }`
 * (https://docs.slack.dev/apis/web-api/#responses); this maps its error strings to our codes.
 * Rate limits come as HTTP 429 with Retry-After and keep the SDK's default handling.
 */
import { mapErrorsFrom, readPath } from '@patchbay/sdk';

export const slackError = mapErrorsFrom({
  provider: 'Slack',
  statuses: false,
  failedBody: (body) => readPath(body, 'ok') === false,
  code: ({ body }) => readPath(body, 'error') ?? 'unknown_error',
  codes: {
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
  },
  otherwise: 'UPSTREAM',
  verbs: { RATE_LIMITED: 'refused' },
  detail: ({ code, body }) => {
    const needed = readPath(body, 'needed');
    return code === 'FORBIDDEN_SCOPE' && typeof needed === 'string' ? `needs ${needed}` : undefined;
  },
});
