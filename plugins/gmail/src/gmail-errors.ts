/**
 * @module Google API errors (https://developers.google.com/workspace/gmail/api/guides/handle-errors):
 * `{ error: { code, message, status, errors: [{ reason }] } }`. Rate limits arrive as 429 or as 403
 * with reason `rateLimitExceeded` / `userRateLimitExceeded`; a missing scope is 403
 * `insufficientPermissions` (status PERMISSION_DENIED). `dailyLimitExceeded` / `quotaExceeded` are
 * the project's daily quota: back at midnight Pacific time, so they carry that wait and fail at once.
 */
import { mapErrorsFrom } from '@patchbay/sdk';

export const gmailError = mapErrorsFrom({
  provider: 'Gmail',
  code: ['error.errors.0.reason', 'error.status'],
  message: 'error.message',
  codes: {
    rateLimitExceeded: 'RATE_LIMITED',
    userRateLimitExceeded: 'RATE_LIMITED',
  },
  dailyQuota: { codes: ['dailyLimitExceeded', 'quotaExceeded'], timeZone: 'America/Los_Angeles' },
  byStatus: { 400: 'INVALID_INPUT', 401: 'AUTH_EXPIRED', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND' },
  verbs: { AUTH_EXPIRED: 'refused the access token', NOT_FOUND: 'not found', INVALID_INPUT: 'rejected the request' },
});
