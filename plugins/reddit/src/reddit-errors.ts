/**
 * @module Reddit errors (https://www.reddit.com/dev/api/, https://github.com/reddit-archive/reddit/wiki/API):
 * write endpoints called with `api_type=json` answer HTTP 200 with
 * `{ json: { errors: [[CODE, message, field]] } }` when they refuse (SUBREDDIT_NOEXIST, NO_SELFS,
 * RATELIMIT for posting too often, ...). Other failures are plain statuses with `{ message, error }`.
 * A 429 says how long until the window ends in `X-Ratelimit-Reset`, in seconds (not an epoch).
 */
import { ConnectorError, mapErrorsFrom, type ProviderResponse, readPath } from '@patchbay/sdk';

const table = mapErrorsFrom({
  provider: 'Reddit',
  failedBody: (body) => {
    const errors = readPath(body, 'json.errors');
    return Array.isArray(errors) && errors.length > 0;
  },
  code: 'json.errors.0.0',
  message: ['json.errors.0.1', 'message'],
  field: 'json.errors.0.2',
  codes: {
    RATELIMIT: 'RATE_LIMITED',
    SUBREDDIT_NOEXIST: 'NOT_FOUND',
    SUBREDDIT_NOTALLOWED: 'FORBIDDEN_SCOPE',
    SUBREDDIT_NO_ACCESS: 'FORBIDDEN_SCOPE',
    USER_BLOCKED: 'FORBIDDEN_SCOPE',
    THREAD_LOCKED: 'FORBIDDEN_SCOPE',
    TOO_OLD: 'FORBIDDEN_SCOPE',
    DELETED_LINK: 'NOT_FOUND',
    DELETED_COMMENT: 'NOT_FOUND',
    NO_THING_ID: 'NOT_FOUND',
    ALREADY_SUB: 'CONFLICT',
  },
  // A 200 reaches the table only with json.errors; every code not listed above is about the
  // submitted fields (NO_SELFS, NO_TEXT, BAD_URL, SUBMIT_VALIDATION_FLAIR_REQUIRED, ...).
  byStatus: { 200: 'INVALID_INPUT', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND' },
  wait: [{ header: 'x-ratelimit-reset', as: 'seconds' }, { header: 'retry-after' }],
});

const UNIT_MS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };

/** RATELIMIT says the wait in words: "you are doing that too much. try again in 5 minutes." */
export function waitInWords(message: string): number | undefined {
  const said = /try again in (\d+) (millisecond|second|minute|hour)s?/i.exec(message);
  if (!said?.[1] || !said[2]) return undefined;
  return Number(said[1]) * (UNIT_MS[said[2].toLowerCase()] ?? 1000);
}

export function redditError(response: ProviderResponse): ConnectorError | undefined {
  const error = table(response);
  if (error?.code !== 'RATE_LIMITED' || error.retryAfterMs !== undefined) return error;
  const text = readPath(response.body, 'json.errors.0.1');
  const retryAfterMs = typeof text === 'string' ? waitInWords(text) : undefined;
  return new ConnectorError(error.code, error.message, { status: error.status, providerCode: error.providerCode, retryAfterMs });
}
