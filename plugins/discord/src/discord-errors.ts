/**
 * @module Discord errors (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json):
 * a JSON body `{ code, message, errors? }` where `code` is Discord's own (50013 Missing
 * Permissions, 10003 Unknown Channel, 50035 Invalid Form Body, ...) and `errors` nests the failing
 * fields down to `_errors`. Rate limits (https://discord.com/developers/docs/topics/rate-limits)
 * are 429 with `retry_after` in seconds (a float) in the body and a `Retry-After` header.
 */
import { ConnectorError, type ConnectorErrorCode, parseRetryAfter } from '@patchbay/sdk';

interface DiscordErrorBody {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  retry_after?: unknown;
  global?: unknown;
}

/** Discord codes whose meaning beats the HTTP status. */
const CODES: Record<number, ConnectorErrorCode> = {
  10003: 'NOT_FOUND', // Unknown Channel
  10004: 'NOT_FOUND', // Unknown Guild
  10008: 'NOT_FOUND', // Unknown Message
  10013: 'NOT_FOUND', // Unknown User
  40001: 'AUTH_INVALID', // Unauthorized. Provide a valid token and try again
  50001: 'FORBIDDEN_SCOPE', // Missing Access
  50005: 'FORBIDDEN_SCOPE', // Cannot edit a message authored by another user
  50013: 'FORBIDDEN_SCOPE', // You lack permissions to perform that action
  50035: 'INVALID_INPUT', // Invalid Form Body
};

const BY_STATUS: Record<number, ConnectorErrorCode> = {
  401: 'AUTH_INVALID',
  403: 'FORBIDDEN_SCOPE',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

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

/** Milliseconds to wait after a 429: the body's precise `retry_after`, else the `Retry-After` header. */
export function discordRetryAfterMs(headers: Record<string, string>, body: DiscordErrorBody): number | undefined {
  if (typeof body.retry_after === 'number' && Number.isFinite(body.retry_after) && body.retry_after >= 0)
    return Math.ceil(body.retry_after * 1000);
  return parseRetryAfter(headers['retry-after']);
}

export function discordError({
  status,
  headers,
  body,
}: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}): ConnectorError | undefined {
  if (status < 400 || status >= 500) return undefined;
  const b = (body && typeof body === 'object' ? body : {}) as DiscordErrorBody;
  const discordCode = typeof b.code === 'number' ? b.code : undefined;
  const providerCode = discordCode === undefined ? undefined : String(discordCode);
  const said = typeof b.message === 'string' ? b.message : undefined;

  if (status === 429) {
    const scope = b.global === true ? 'global' : (headers['x-ratelimit-scope'] ?? 'route');
    return new ConnectorError('RATE_LIMITED', `Discord rate limit (${scope})${said ? `: ${said}` : ''}`, {
      status,
      retryAfterMs: discordRetryAfterMs(headers, b),
      providerCode,
    });
  }
  const byCode = discordCode === undefined ? undefined : CODES[discordCode];
  const code = (status === 401 ? 'AUTH_INVALID' : byCode) ?? BY_STATUS[status] ?? 'INVALID_INPUT';
  const field = code === 'INVALID_INPUT' ? firstFieldError(b.errors) : undefined;
  const detail = field ? ` (${field.path}${field.message ? `: ${field.message}` : ''})` : '';
  return new ConnectorError(code, `Discord refused: ${said ?? `HTTP ${status}`}${detail}`, {
    status,
    providerCode,
    path: field?.path || undefined,
  });
}
