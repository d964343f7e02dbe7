/**
 * @module YouTube Data API errors (https://developers.google.com/youtube/v3/docs/errors): Google's
 * envelope `{ error: { code, message, status, errors: [{ domain, reason, location }] } }`. Two 403
 * reasons are daily quotas, not permissions: `quotaExceeded` (the project's units for the day)
 * and `uploadLimitExceeded` (the channel's uploads for the day). Both reset at midnight Pacific
 * time (https://developers.google.com/youtube/v3/getting-started#quota) and no header says so, so
 * they carry the wait until then: retrying sooner only burns calls.
 */
import { mapErrorsFrom } from '@patchbay/sdk';

const DAILY_QUOTA = ['quotaExceeded', 'uploadLimitExceeded', 'dailyLimitExceeded'];

export const youtubeError = mapErrorsFrom({
  provider: 'YouTube',
  code: ['error.errors.0.reason', 'error.status'],
  message: 'error.message',
  codes: {
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
  dailyQuota: { codes: DAILY_QUOTA, timeZone: 'America/Los_Angeles' },
  byStatus: { 400: 'INVALID_INPUT', 401: 'AUTH_EXPIRED', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND' },
  // Google names the offending parameter in errors[0].location (`id`, `part`, ...).
  field: 'error.errors.0.location',
  verbs: {
    AUTH_EXPIRED: 'refused the access token',
    NOT_FOUND: 'found nothing',
    INVALID_INPUT: 'rejected the request',
    RATE_LIMITED: (info) =>
      DAILY_QUOTA.includes(info.providerCode ?? '') ? 'daily quota used up (it resets at midnight Pacific time)' : 'rate limit',
  },
});
