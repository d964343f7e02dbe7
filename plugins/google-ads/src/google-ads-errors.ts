/**
 * @module Google Ads failures (https://developers.google.com/google-ads/api/docs/best-practices/common-errors):
 * `{ error: { code, message, status, details: [GoogleAdsFailure] } }`. The GoogleAdsFailure's
 * first error code decides (its message and field path are what a caller can act on); the
 * google.rpc status and the HTTP status are the fallback. Quota errors name their wait in
 * `quotaErrorDetails.retryDelay`, not in `Retry-After`.
 */
import { ConnectorError, mapErrorsFrom, type ProviderResponse, readPath } from '@patchbay/sdk';
import { adsErrors, retryDelayMs } from './failure.ts';

const first = (body: unknown) => adsErrors(readPath(body, 'error'))[0];

const table = mapErrorsFrom({
  provider: 'Google Ads',
  code: ({ body }) => first(body)?.code ?? readPath(body, 'error.status'),
  message: ({ body }) => first(body)?.message ?? readPath(body, 'error.message'),
  codes: {
    // authenticationError: the token is dead or not for an Ads user.
    OAUTH_TOKEN_EXPIRED: 'AUTH_EXPIRED',
    OAUTH_TOKEN_INVALID: 'AUTH_EXPIRED',
    OAUTH_TOKEN_REVOKED: 'AUTH_EXPIRED',
    NOT_ADS_USER: 'FORBIDDEN_SCOPE',
    // authorizationError: the user or the Cloud project may not act on this customer.
    USER_PERMISSION_DENIED: 'FORBIDDEN_SCOPE',
    CUSTOMER_NOT_ENABLED: 'FORBIDDEN_SCOPE',
    ACTION_NOT_PERMITTED: 'FORBIDDEN_SCOPE',
    DEVELOPER_TOKEN_NOT_APPROVED: 'FORBIDDEN_SCOPE',
    CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION: 'FORBIDDEN_SCOPE',
    PERMISSION_DENIED: 'FORBIDDEN_SCOPE',
    // quotaError, and the rpc status of a 429.
    RESOURCE_EXHAUSTED: 'RATE_LIMITED',
    RESOURCE_TEMPORARILY_EXHAUSTED: 'RATE_LIMITED',
    // mutateError / requestError: the resource named is not there.
    RESOURCE_NOT_FOUND: 'NOT_FOUND',
    CUSTOMER_NOT_FOUND: 'NOT_FOUND',
    NOT_FOUND: 'NOT_FOUND',
  },
  byStatus: { 400: 'INVALID_INPUT', 401: 'AUTH_EXPIRED', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND' },
  field: ({ body }) => {
    const error = first(body);
    return error?.path ? { path: error.path, message: undefined } : undefined;
  },
  detail: ({ providerCode, field }) => {
    if (providerCode === 'USER_PERMISSION_DENIED') return 'a client account reached through a manager needs loginCustomerId';
    return field?.path;
  },
  verbs: { AUTH_EXPIRED: 'refused the access token', NOT_FOUND: 'not found', INVALID_INPUT: 'rejected the request' },
});

/** The connector's `mapError`: the table, plus the quota wait read from the failure details. */
export function googleAdsError(response: ProviderResponse): ConnectorError | undefined {
  const error = table(response);
  if (error?.code !== 'RATE_LIMITED' || error.retryAfterMs !== undefined) return error;
  const wait = retryDelayMs(readPath(response.body, 'error'));
  if (wait === undefined) return error;
  return new ConnectorError('RATE_LIMITED', error.message, { status: error.status, providerCode: error.providerCode, retryAfterMs: wait });
}
