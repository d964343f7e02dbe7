/**
 * @module X API v2 errors (https://docs.x.com/x-api/fundamentals/response-codes-and-errors):
 * RFC 7807-style problems `{ title, detail, type, status }`, a 400 listing the bad parameters in
 * `errors[].parameters`, and reads that answer HTTP 200 with `errors` and no `data` (a user or
 * post that does not exist). Rate limits are 429 with `x-rate-limit-reset` in Unix epoch seconds
 * (https://docs.x.com/x-api/fundamentals/rate-limits); the older `{ errors: [{ code: 88 }] }`
 * body still appears. A duplicate post is a 403 whose detail says so.
 */
import { mapErrorsFrom, readPath, type WaitSource } from '@patchbay/sdk';

const X_WAIT: readonly WaitSource[] = [{ header: 'x-rate-limit-reset', as: 'epoch-seconds' }, { header: 'retry-after' }];

/** `https://api.twitter.com/2/problems/resource-not-found` -> `resource-not-found`. */
function problemName(type: unknown): string | undefined {
  if (typeof type !== 'string' || type === 'about:blank') return undefined;
  return type.slice(type.lastIndexOf('/') + 1) || undefined;
}

function xCode(body: unknown): string | undefined {
  const detail = readPath(body, 'detail');
  if (typeof detail === 'string' && /duplicate content/i.test(detail)) return 'duplicate-content';
  const reason = readPath(body, 'reason');
  if (typeof reason === 'string') return reason;
  const legacy = readPath(body, 'errors.0.code');
  if (typeof legacy === 'number') return String(legacy);
  return problemName(readPath(body, 'type')) ?? problemName(readPath(body, 'errors.0.type'));
}

/** The first bad parameter of a 400 (`errors[0].parameters.text`), or the one a 200 error names. */
function xField(body: unknown): { path?: string; message?: string } | undefined {
  const parameters = readPath(body, 'errors.0.parameters');
  const named = readPath(body, 'errors.0.parameter');
  const path = parameters && typeof parameters === 'object' ? Object.keys(parameters)[0] : typeof named === 'string' ? named : undefined;
  return path ? { path } : undefined;
}

export const xError = mapErrorsFrom({
  provider: 'X',
  // A read answered 200 with only `errors` found nothing to return.
  failedBody: (body) => Array.isArray(readPath(body, 'errors')) && readPath(body, 'data') === undefined,
  code: ({ body }) => xCode(body),
  message: ['errors.0.message', 'errors.0.detail', 'detail', 'title'],
  codes: {
    'duplicate-content': 'CONFLICT',
    'resource-not-found': 'NOT_FOUND',
    'not-authorized-for-resource': 'FORBIDDEN_SCOPE',
    'client-not-enrolled': 'FORBIDDEN_SCOPE',
    'client-forbidden': 'FORBIDDEN_SCOPE',
    'invalid-request': 'INVALID_INPUT',
    'usage-capped': 'RATE_LIMITED',
    '88': 'RATE_LIMITED',
  },
  byStatus: { 400: 'INVALID_INPUT', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND', 409: 'CONFLICT' },
  rateLimited: ({ body }) => readPath(body, 'errors.0.code') === 88,
  wait: X_WAIT,
  field: ({ body }) => xField(body),
  verbs: { CONFLICT: 'refused a duplicate', NOT_FOUND: 'found nothing' },
});
