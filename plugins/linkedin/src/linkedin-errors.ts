/**
 * @module LinkedIn errors (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling):
 * `{ status, serviceErrorCode, code, message }`, e.g. `ACCESS_DENIED` for a missing permission or
 * page role, and for 422 an `errorDetails.inputErrors` list naming the field. Rate limits are daily
 * per application and per member and reset at 00:00 UTC; the 429 carries no Retry-After
 * (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits), so the wait
 * is the time until that reset unless a Retry-After is present after all.
 */
import { ConnectorError, mapErrorsFrom, type ProviderResponse, readPath } from '@patchbay/sdk';
import { LINKEDIN_VERSION } from './linkedin-auth.ts';

const table = mapErrorsFrom({
  provider: 'LinkedIn',
  code: ['code', 'serviceErrorCode'],
  message: 'message',
  codes: {
    ACCESS_DENIED: 'FORBIDDEN_SCOPE',
    NOT_ENOUGH_PERMISSIONS_TO_ACCESS: 'FORBIDDEN_SCOPE',
    INVALID_ACCESS_TOKEN: 'AUTH_EXPIRED',
    EXPIRED_ACCESS_TOKEN: 'AUTH_EXPIRED',
    REVOKED_ACCESS_TOKEN: 'AUTH_EXPIRED',
    NOT_FOUND: 'NOT_FOUND',
    RESOURCE_NOT_FOUND: 'NOT_FOUND',
    TOO_MANY_REQUESTS: 'RATE_LIMITED',
  },
  // 426: the pinned LinkedIn-Version was sunset. Not the caller's input: the connector needs an upgrade.
  byStatus: { 400: 'INVALID_INPUT', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND', 422: 'INVALID_INPUT', 426: 'UPSTREAM' },
  field: ({ body }) => {
    const first = readPath(body, 'errorDetails.inputErrors.0');
    if (!first) return undefined;
    const path = readPath(first, 'input.inputPath.fieldPath');
    return {
      path: typeof path === 'string' ? path.replace(/^\//, '').replaceAll('/', '.') : undefined,
      message: typeof readPath(first, 'description') === 'string' ? String(readPath(first, 'description')) : undefined,
    };
  },
  verbs: { FORBIDDEN_SCOPE: 'refused: the member lacks the permission or page role', RATE_LIMITED: 'daily rate limit reached' },
  detail: ({ status, field }) =>
    status === 426 ? `LinkedIn-Version ${LINKEDIN_VERSION} is no longer served; upgrade @patchbay/connector-linkedin` : field?.message,
});

/** Milliseconds until the next 00:00 UTC, when LinkedIn's daily limits reset. */
export function msUntilUtcMidnight(now = Date.now()): number {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime() - now;
}

export function linkedinError(response: ProviderResponse): ConnectorError | undefined {
  const error = table(response);
  if (error?.code !== 'RATE_LIMITED' || error.retryAfterMs !== undefined) return error;
  return new ConnectorError('RATE_LIMITED', error.message, {
    status: error.status,
    providerCode: error.providerCode,
    retryAfterMs: msUntilUtcMidnight(),
  });
}
