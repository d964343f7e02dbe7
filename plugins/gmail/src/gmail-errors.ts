/**
 * @module Google API errors (https://developers.google.com/workspace/gmail/api/guides/handle-errors):
 * `{ error: { code, message, status, errors: [{ reason }] } }`. Rate limits arrive as 429 or as 403
 * with reason `rateLimitExceeded` / `userRateLimitExceeded`; a missing scope is 403
 * `insufficientPermissions` (status PERMISSION_DENIED).
 */
import { ConnectorError, parseRetryAfter } from '@patchbay/sdk';

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; message?: string }[] };
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'dailyLimitExceeded', 'quotaExceeded']);

export function gmailError({
  status,
  headers,
  body,
}: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}): ConnectorError | undefined {
  const error = (body as GoogleErrorBody | undefined)?.error;
  if (!error || status < 400) return undefined;
  const reason = error.errors?.[0]?.reason ?? error.status;
  const message = error.message ?? `Gmail answered ${status}`;
  const data = { status, providerCode: reason };
  if (status === 429 || (status === 403 && reason && RATE_REASONS.has(reason))) {
    return new ConnectorError('RATE_LIMITED', `Gmail rate limit: ${message}`, {
      ...data,
      retryAfterMs: parseRetryAfter(headers['retry-after']),
    });
  }
  if (status === 401) return new ConnectorError('AUTH_EXPIRED', `Gmail refused the access token: ${message}`, data);
  if (status === 403) return new ConnectorError('FORBIDDEN_SCOPE', `Gmail refused: ${message}`, data);
  if (status === 404) return new ConnectorError('NOT_FOUND', `Not found: ${message}`, data);
  if (status === 400) return new ConnectorError('INVALID_INPUT', `Gmail rejected the request: ${message}`, data);
  return undefined;
}
