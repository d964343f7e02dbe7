/**
 * @module TikTok's error envelope (https://developers.tiktok.com/doc/tiktok-api-v2-error-handling):
 * every answer carries `error: { code, message, log_id }`, and `code` other than "ok" is a
 * failure even at HTTP 200. Init endpoints allow 6 requests a minute per user token and send no
 * wait header, so a `rate_limit_exceeded` without `Retry-After` waits out that minute.
 */
import { ConnectorError, mapErrorsFrom, readPath } from '@patchbay/sdk';

const MINUTE_MS = 60_000;

/** What a caller must do about an unaudited app: TikTok's words alone do not say it. */
export const UNAUDITED_HINT =
  'this TikTok app has not passed TikTok’s audit, so it may only post to private accounts with privacy_level SELF_ONLY; set the creator account to private or have the app audited';

const table = mapErrorsFrom({
  provider: 'TikTok',
  failedBody: (body) => {
    const code = readPath(body, 'error.code');
    return typeof code === 'string' && code !== 'ok';
  },
  code: 'error.code',
  message: 'error.message',
  codes: {
    access_token_invalid: 'AUTH_EXPIRED',
    scope_not_authorized: 'FORBIDDEN_SCOPE',
    scope_permission_missed: 'FORBIDDEN_SCOPE',
    unaudited_client_can_only_post_to_private_accounts: 'FORBIDDEN_SCOPE',
    spam_risk_user_banned_from_posting: 'FORBIDDEN_SCOPE',
    rate_limit_exceeded: 'RATE_LIMITED',
    // Daily caps (posts per creator, active users per app): no wait to honour within the day.
    spam_risk_too_many_posts: 'RATE_LIMITED',
    reached_active_user_cap: 'RATE_LIMITED',
    invalid_publish_id: 'NOT_FOUND',
    privacy_level_option_mismatch: 'INVALID_INPUT',
    url_ownership_unverified: 'INVALID_INPUT',
    invalid_param: 'INVALID_INPUT',
    file_format_check_failed: 'INVALID_INPUT',
    duration_check_failed: 'INVALID_INPUT',
    frame_rate_check_failed: 'INVALID_INPUT',
    picture_size_check_failed: 'INVALID_INPUT',
    internal_error: 'UPSTREAM',
  },
  byStatus: { 401: 'AUTH_EXPIRED', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND' },
  field: ({ body }) => {
    const code = readPath(body, 'error.code');
    if (code === 'privacy_level_option_mismatch') return 'privacyLevel';
    if (code === 'url_ownership_unverified') return { path: 'videoUrl', message: 'the URL prefix is not verified in the TikTok app' };
    return undefined;
  },
  detail: ({ providerCode, field }) => {
    if (providerCode === 'unaudited_client_can_only_post_to_private_accounts') return UNAUDITED_HINT;
    return field?.path && (field.message ? `${field.path}: ${field.message}` : field.path);
  },
});

/** The connector's `mapError`: the table, with a minute's wait for a per-minute limit that named none. */
export function tiktokError(response: Parameters<typeof table>[0]): ConnectorError | undefined {
  const error = table(response);
  if (error?.code !== 'RATE_LIMITED' || error.retryAfterMs !== undefined || error.providerCode !== 'rate_limit_exceeded') return error;
  return new ConnectorError('RATE_LIMITED', error.message, {
    status: error.status,
    providerCode: error.providerCode,
    retryAfterMs: MINUTE_MS,
  });
}
