/**
 * @module YouTube Data API errors (https://developers.google.com/youtube/v3/docs/errors): Google's
 * envelope `{ error: { code, message, status, errors: [{ domain, reason }] } }`. Two 403 reasons
 * are daily quotas, not permissions: `quotaExceeded` (the project's units for the day) and
 * `uploadLimitExceeded` (the channel's uploads for the day). Both reset at midnight Pacific time
 * (https://developers.google.com/youtube/v3/getting-started#quota) and no header says so, so they
 * carry the wait until then: retrying sooner only burns calls.
 */
import { ConnectorError, mapErrorsFrom, type ProviderResponse, untilDailyReset } from '@patchbay/sdk';

/** Reasons that mean "come back tomorrow", Google's tomorrow. */
const DAILY_QUOTA = new Set(['quotaExceeded', 'uploadLimitExceeded', 'dailyLimitExceeded']);
export const QUOTA_TIME_ZONE = 'America/Los_Angeles';

const table = mapErrorsFrom({
  provider: 'YouTube',
  code: ['error.errors.0.reason', 'error.status'],
  message: 'error.message',
  codes: {
    quotaExceeded: 'RATE_LIMITED',
    uploadLimitExceeded: 'RATE_LIMITED',
    dailyLimitExceeded: 'RATE_LIMITED',
    rateLimitExceeded: 'RATE_LIMITED',
    userRateLimitExceeded: 'RATE_LIMITED',
    authError: 'AUTH_EXPIRED',
    insufficientPermissions: 'FORBIDDEN_SCOPE',
    forbidden: 'FORBIDDEN_SCOPE',
    youtubeSignupRequired: 'FORBIDDEN_SCOPE',
    videoNotFound: 'NOT_FOUND',
    commentNotFound: 'NOT_FOUND',
    parentCommentNotFound: 'NOT_FOUND',
    channelNotFound: 'NOT_FOUND',
    playlistNotFound: 'NOT_FOUND',
  },
  byStatus: { 400: 'INVALID_INPUT', 401: 'AUTH_EXPIRED', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND' },
  // Google names the offending parameter in errors[0].location (`id`, `snippet.categoryId`, ...).
  field: 'error.errors.0.location',
  verbs: { AUTH_EXPIRED: 'refused the access token', NOT_FOUND: 'found nothing', INVALID_INPUT: 'rejected the request' },
});

export function youtubeError(response: ProviderResponse, now: number = Date.now()): ConnectorError | undefined {
  const error = table(response);
  if (error?.code !== 'RATE_LIMITED' || !DAILY_QUOTA.has(error.providerCode ?? '')) return error;
  return new ConnectorError('RATE_LIMITED', `${error.message}; the daily quota resets at midnight Pacific time`, {
    status: error.status,
    providerCode: error.providerCode,
    retryAfterMs: untilDailyReset(QUOTA_TIME_ZONE, now),
  });
}
