/**
 * @module GitHub errors (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api):
 * a JSON body with `message` and `documentation_url`, and for 422 an `errors` list naming the
 * field. A 403 is either a rate limit (`x-ratelimit-remaining: 0`, or a secondary limit with
 * `Retry-After`) or a missing scope or permission; rate limits also come as 429
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 * 401 keeps the SDK's OAuth default (AUTH_EXPIRED: the token was revoked or the app's grant removed).
 */
import { ConnectorError, parseRetryAfter } from '@patchbay/sdk';

interface GitHubErrorBody {
  message?: unknown;
  errors?: unknown;
}

interface FieldError {
  resource?: string;
  field?: string;
  code?: string;
  message?: string;
}

/** Milliseconds until GitHub takes requests again: `Retry-After`, else `x-ratelimit-reset` (epoch seconds). */
export function githubRetryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
  const told = parseRetryAfter(headers['retry-after'], now);
  if (told !== undefined) return told;
  const reset = Number(headers['x-ratelimit-reset']);
  return headers['x-ratelimit-reset'] && Number.isFinite(reset) ? Math.max(0, reset * 1000 - now) : undefined;
}

function firstFieldError(errors: unknown): FieldError | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const first: unknown = errors[0];
  if (typeof first === 'string') return { message: first };
  return first && typeof first === 'object' ? (first as FieldError) : undefined;
}

export function githubError({
  status,
  headers,
  body,
}: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}): ConnectorError | undefined {
  if (status < 400 || status >= 500) return undefined;
  const b = (body && typeof body === 'object' ? body : {}) as GitHubErrorBody;
  const message = typeof b.message === 'string' ? b.message : undefined;
  const said = message ? `: ${message}` : '';

  const limited = status === 429 || (status === 403 && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined));
  if (limited) {
    return new ConnectorError('RATE_LIMITED', `GitHub rate limit exceeded${said}`, {
      status,
      retryAfterMs: githubRetryAfterMs(headers),
      providerCode: headers['x-ratelimit-resource'],
    });
  }
  if (status === 403) {
    const needs = headers['x-accepted-oauth-scopes'];
    return new ConnectorError('FORBIDDEN_SCOPE', `GitHub refused${said}${needs ? ` (needs ${needs})` : ''}`, { status });
  }
  if (status === 404) {
    // GitHub also answers 404 for private repositories the token may not see.
    return new ConnectorError('NOT_FOUND', `GitHub: not found, or not visible to this token${said}`, { status });
  }
  if (status === 422) {
    const field = firstFieldError(b.errors);
    const detail = field?.message ?? (field?.field ? `${field.field} ${field.code ?? 'invalid'}` : undefined);
    return new ConnectorError(
      'INVALID_INPUT',
      `GitHub rejected the request: ${message ?? 'Validation Failed'}${detail ? ` (${detail})` : ''}`,
      {
        status,
        providerCode: field?.code ?? 'validation_failed',
        path: field?.field,
      },
    );
  }
  return undefined;
}
