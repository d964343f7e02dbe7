/**
 * @module Meta Graph API errors (https://developers.facebook.com/docs/graph-api/guides/error-handling):
 * `{ error: { message, type, code, error_subcode, fbtrace_id } }`, usually at HTTP 400 whatever
 * the cause. 190 is a dead token (subcodes 458 app removed, 460 password changed, 463 expired):
 * only a new login helps. 10 and 200-299 are missing permissions; 100 an invalid parameter;
 * 4, 17, 32, 613 and the 80000-80014 Business Use Case codes are rate limits, and the wait is in
 * `X-Business-Use-Case-Usage` (`estimated_time_to_regain_access`, in minutes, per object id;
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
 * The facebook-pages connector keeps its own copy of this table: plugins never import each other.
 */
import { ConnectorError, type ConnectorErrorCode, mapErrorsFrom, type ProviderResponse, readPath } from '@patchbay/sdk';

const RATE_LIMIT_CODES = [4, 17, 32, 613, ...Array.from({ length: 15 }, (_, i) => 80000 + i)];
const PERMISSION_CODES = [10, ...Array.from({ length: 100 }, (_, i) => 200 + i)];

const codes: Record<string, ConnectorErrorCode> = {
  190: 'AUTH_EXPIRED',
  102: 'AUTH_EXPIRED',
  100: 'INVALID_INPUT',
  803: 'NOT_FOUND',
  // A policy block on the account (posting temporarily forbidden): not a bad request, and not retryable.
  368: 'FORBIDDEN_SCOPE',
  // Content publishing: code 9 (subcode 2207042) is the 24-hour publishing cap.
  9: 'RATE_LIMITED',
  1: 'UPSTREAM',
  2: 'UPSTREAM',
};
for (const c of RATE_LIMIT_CODES) codes[c] = 'RATE_LIMITED';
for (const c of PERMISSION_CODES) codes[c] = 'FORBIDDEN_SCOPE';

/** Minutes until access returns, the longest across the objects in `X-Business-Use-Case-Usage`. */
export function businessUseCaseWaitMs(headers: Record<string, string>): number | undefined {
  const raw = headers['x-business-use-case-usage'];
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  let minutes: number | undefined;
  for (const entries of Object.values(parsed)) {
    for (const entry of Array.isArray(entries) ? entries : []) {
      const m = readPath(entry, 'estimated_time_to_regain_access');
      if (typeof m === 'number' && Number.isFinite(m) && m > 0) minutes = Math.max(minutes ?? 0, m);
    }
  }
  return minutes === undefined ? undefined : minutes * 60_000;
}

/** `(#100) Param message must be non-empty` and similar: the parameter Graph named, if any. */
function fieldOf(response: ProviderResponse): string | undefined {
  const message = readPath(response.body, 'error.message');
  if (typeof message !== 'string') return undefined;
  return /\(#100\)\s+(?:The\s+)?param(?:eter)?\s+([A-Za-z_][\w.[\]]*)/i.exec(message)?.[1];
}

const table = mapErrorsFrom({
  provider: 'Instagram',
  code: 'error.code',
  message: ['error.error_user_msg', 'error.message'],
  codes,
  // A Business Use Case throttle can come without one of the codes above (and at any 4xx).
  rateLimited: (response) => (businessUseCaseWaitMs(response.headers) ?? 0) > 0 && response.status >= 400,
  byStatus: { 401: 'AUTH_EXPIRED', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND' },
  otherwise: 'INVALID_INPUT',
  field: fieldOf,
  reportedCode: ({ providerCode, body }) => {
    const sub = readPath(body, 'error.error_subcode');
    return typeof sub === 'number' && providerCode ? `${providerCode}/${sub}` : providerCode;
  },
  verbs: { AUTH_EXPIRED: 'refused the access token, log in again', NOT_FOUND: 'not found' },
});

export function metaError(response: ProviderResponse): ConnectorError | undefined {
  const error = table(response);
  if (error?.code !== 'RATE_LIMITED' || error.retryAfterMs !== undefined) return error;
  const wait = businessUseCaseWaitMs(response.headers);
  if (wait === undefined) return error;
  return new ConnectorError('RATE_LIMITED', error.message, {
    status: error.status,
    providerCode: error.providerCode,
    retryAfterMs: wait,
  });
}
