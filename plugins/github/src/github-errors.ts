/**
 * @module GitHub errors (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api):
 * a JSON body with `message` and `documentation_url`, and for 422 an `errors` list naming the
 * field. A 403 is either a rate limit (`x-ratelimit-remaining: 0`, or a secondary limit with
 * `Retry-After`) or a missing scope or permission; rate limits also come as 429
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 * A secondary limit may come with neither header: GitHub then says so only in the message and
 * asks for "at least one minute" before the next try, which is the wait given.
 * 401 keeps the SDK's OAuth default (AUTH_EXPIRED: the token was revoked or the app's grant removed).
 */
import { ConnectorError, mapErrorsFrom, type ProviderResponse, readPath, type WaitSource, waitFrom } from '@patchbay/sdk';

const SECONDARY_LIMIT = /secondary rate limit|abuse/i;
const SECONDARY_WAIT_MS = 60_000;

function secondaryLimit({ status, body }: ProviderResponse): boolean {
  const message = readPath(body, 'message');
  return (status === 403 || status === 429) && typeof message === 'string' && SECONDARY_LIMIT.test(message);
}

const WAIT: readonly WaitSource[] = [{ header: 'retry-after' }, { header: 'x-ratelimit-reset', as: 'epoch-seconds' }];

/** Milliseconds until GitHub takes requests again: `Retry-After`, else `x-ratelimit-reset` (epoch seconds). */
export function githubRetryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
  return waitFrom(WAIT, headers, undefined, now);
}

/** A 422's first entry in `errors`: an object naming the field, or a bare sentence. */
function firstFieldError(body: unknown): { path?: string; message?: string } | undefined {
  const first = readPath(body, 'errors.0');
  if (typeof first === 'string') return { message: first };
  if (!first || typeof first !== 'object') return undefined;
  const { field, code, message } = first as { field?: unknown; code?: unknown; message?: unknown };
  const path = typeof field === 'string' ? field : undefined;
  const said = typeof message === 'string' ? message : path && `${path} ${typeof code === 'string' ? code : 'invalid'}`;
  return { ...(path ? { path } : {}), ...(said ? { message: said } : {}) };
}

const table = mapErrorsFrom({
  provider: 'GitHub',
  code: ({ status, body }) => (status === 422 ? (readPath(body, 'errors.0.code') ?? 'validation_failed') : undefined),
  // A rate limit names the exhausted resource (`core`, `search`, `graphql`).
  reportedCode: ({ code, headers, providerCode }) => (code === 'RATE_LIMITED' ? headers['x-ratelimit-resource'] : providerCode),
  message: 'message',
  rateLimited: (response) =>
    secondaryLimit(response) ||
    (response.status === 403 && (response.headers['x-ratelimit-remaining'] === '0' || response.headers['retry-after'] !== undefined)),
  wait: WAIT,
  // GitHub also answers 404 for private repositories the token may not see.
  byStatus: { 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND', 422: 'INVALID_INPUT' },
  verbs: {
    RATE_LIMITED: 'rate limit exceeded',
    NOT_FOUND: 'not found, or not visible to this token',
    INVALID_INPUT: 'rejected the request',
  },
  field: ({ body }) => firstFieldError(body),
  detail: ({ code, headers, field }) => {
    if (code === 'FORBIDDEN_SCOPE') return headers['x-accepted-oauth-scopes'] && `needs ${headers['x-accepted-oauth-scopes']}`;
    return field?.message;
  },
});

/** The connector's `mapError`: the table, and a minute's wait for a secondary limit that named none. */
export function githubError(response: ProviderResponse): ConnectorError | undefined {
  const error = table(response);
  if (error?.code !== 'RATE_LIMITED' || error.retryAfterMs !== undefined || !secondaryLimit(response)) return error;
  return new ConnectorError('RATE_LIMITED', error.message, {
    status: error.status,
    providerCode: error.providerCode ?? 'secondary',
    retryAfterMs: SECONDARY_WAIT_MS,
  });
}
