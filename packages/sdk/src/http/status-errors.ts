import { ConnectorError } from '../errors.ts';

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function providerCodeOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const error = b.error;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as Record<string, unknown>).code === 'string')
    return (error as Record<string, string>).code;
  return typeof b.code === 'string' ? b.code : undefined;
}

/**
 * The default reading of an HTTP failure. A 401 means "refresh and retry" for OAuth
 * connections and "wrong key" for the others.
 */
export function errorForStatus(status: number, headers: Record<string, string>, body: unknown, refreshable: boolean): ConnectorError {
  const data = { status, providerCode: providerCodeOf(body) };
  if (status === 401)
    return refreshable
      ? new ConnectorError('AUTH_EXPIRED', 'Access token expired or revoked', data)
      : new ConnectorError('AUTH_INVALID', 'Credentials rejected by the provider', data);
  if (status === 403) return new ConnectorError('FORBIDDEN_SCOPE', 'The provider refused: missing scope or permission', data);
  if (status === 404 || status === 410) return new ConnectorError('NOT_FOUND', 'Not found at the provider', data);
  if (status === 409) return new ConnectorError('CONFLICT', 'The provider reports a conflict', data);
  if (status === 429)
    return new ConnectorError('RATE_LIMITED', 'Rate limited by the provider', {
      ...data,
      retryAfterMs: parseRetryAfter(headers['retry-after']),
    });
  if (status === 408 || status === 504) return new ConnectorError('TIMEOUT', 'The provider timed out', data);
  // A 503's Retry-After tells the retry policy the request was not taken (RFC 9110 section 15.6.4).
  if (status === 503)
    return new ConnectorError('UPSTREAM', 'The provider is unavailable (503)', {
      ...data,
      retryAfterMs: parseRetryAfter(headers['retry-after']),
    });
  if (status >= 500) return new ConnectorError('UPSTREAM', `The provider failed (${status})`, data);
  return new ConnectorError('INVALID_INPUT', `The provider rejected the request (${status})`, data);
}
