/**
 * @module Discord errors (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json):
 * a JSON body `{ code, message, errors? }` where `code` is Discord's own (50013 Missing
 * Permissions, 10003 Unknown Channel, 50035 Invalid Form Body, ...) and `errors` nests the failing
 * fields down to `_errors`. Rate limits (https://discord.com/developers/docs/topics/rate-limits)
 * are 429 with `retry_after` in seconds (a float) in the body and a `Retry-After` header.
 */
import { mapErrorsFrom, readPath } from '@patchbay/sdk';

/** The first failing field of an Invalid Form Body: `embeds.0.description`, and its message. */
export function firstFieldError(errors: unknown, path: string[] = []): { path: string; message: string | undefined } | undefined {
  if (!errors || typeof errors !== 'object') return undefined;
  const node = errors as Record<string, unknown>;
  if (Array.isArray(node._errors)) {
    const first = node._errors[0] as { message?: unknown } | undefined;
    return { path: path.join('.'), message: typeof first?.message === 'string' ? first.message : undefined };
  }
  for (const [key, child] of Object.entries(node)) {
    const found = firstFieldError(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export const discordError = mapErrorsFrom({
  provider: 'Discord',
  code: 'code',
  message: 'message',
  codes: {
    10003: 'NOT_FOUND', // Unknown Channel
    10004: 'NOT_FOUND', // Unknown Guild
    10008: 'NOT_FOUND', // Unknown Message
    10013: 'NOT_FOUND', // Unknown User
    40001: 'AUTH_INVALID', // Unauthorized. Provide a valid token and try again
    50001: 'FORBIDDEN_SCOPE', // Missing Access
    50005: 'FORBIDDEN_SCOPE', // Cannot edit a message authored by another user
    50013: 'FORBIDDEN_SCOPE', // You lack permissions to perform that action
    50035: 'INVALID_INPUT', // Invalid Form Body
  },
  byStatus: { 401: 'AUTH_INVALID', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND', 409: 'CONFLICT' },
  otherwise: 'INVALID_INPUT',
  // The body's `retry_after` is precise (a float); the header is rounded up to whole seconds.
  wait: [{ body: 'retry_after', as: 'seconds' }, { header: 'retry-after' }],
  verbs: {
    RATE_LIMITED: ({ body, headers }) =>
      `rate limit (${readPath(body, 'global') === true ? 'global' : (headers['x-ratelimit-scope'] ?? 'route')})`,
  },
  field: ({ body }) => firstFieldError(readPath(body, 'errors')),
});
