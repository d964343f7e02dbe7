/**
 * @module Error mapping by declaration. A connector states where its provider puts the error
 * code and message, which codes mean what, where the invalid field and the rate-limit wait
 * live; `mapErrorsFrom` turns that table into the connector's `mapError`. Messages carry only
 * the provider's short message string (capped), never a copied body, so echoed secrets stay out.
 */
import { ConnectorError, type ConnectorErrorCode } from '../errors.ts';
import { untilDailyReset } from './daily-reset.ts';
import { DEFAULT_WAIT, type WaitSource, waitFrom } from './error-waits.ts';
import { readPath } from './json-path.ts';

/** A provider response as `mapError` sees it. */
export interface ProviderResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What the table has read so far, for the functions a table may hold. */
export interface ErrorInfo extends ProviderResponse {
  /** The provider's own code, as a string (numbers are stringified). */
  providerCode: string | undefined;
  /** The provider's message, when it sent a string. */
  said: string | undefined;
  code: ConnectorErrorCode;
}

/** A dotted JSON path into the body, a list of them (first present wins), or a function. */
export type Locator = string | readonly string[] | ((response: ProviderResponse) => unknown);

export interface ErrorTable {
  /** Names the provider in messages: `Discord refused: Missing Permissions`. */
  provider: string;
  /** HTTP statuses the table reads (default 400-499); `false` for body-only tables (Slack). */
  statuses?: { from: number; to: number } | false;
  /** Errors inside successful bodies (Slack's `ok: false`): true when the body is a failure. */
  failedBody?: (body: unknown) => boolean;
  /** Where the provider's error code lives. */
  code?: Locator;
  /** Where its human message lives; never point this at a field that may echo a secret. */
  message?: Locator;
  /** Provider codes whose meaning beats the status (`50013: 'FORBIDDEN_SCOPE'`). */
  codes?: Readonly<Record<string, ConnectorErrorCode>>;
  /** Meaning by HTTP status when no code matched. */
  byStatus?: Readonly<Record<number, ConnectorErrorCode>>;
  /** When neither matched; absent means "use the SDK's default reading of the status". */
  otherwise?: ConnectorErrorCode;
  /** Responses that are rate limits whatever their status (GitHub's 403 with `x-ratelimit-remaining: 0`). */
  rateLimited?: (response: ProviderResponse) => boolean;
  /** Where the wait is, in order (default: the `Retry-After` header). */
  wait?: readonly WaitSource[];
  /**
   * Provider codes for a used-up daily quota (Google's `quotaExceeded`): RATE_LIMITED with the
   * wait until the next midnight in `timeZone`, where the provider resets it, so the call fails at
   * once instead of being retried within seconds.
   */
  dailyQuota?: { readonly codes: readonly string[]; readonly timeZone: string };
  /** For INVALID_INPUT: the failing field's path (a string) or `{ path, message }`. */
  field?: Locator;
  /** The words after the provider's name per code (default `refused`, `rate limit` for RATE_LIMITED). */
  verbs?: Partial<Record<ConnectorErrorCode, string | ((info: ErrorInfo) => string)>>;
  /** The parenthesised detail after the message; replaces the default (the field and its message). */
  detail?: (info: ErrorInfo & { field: FieldError | undefined }) => string | undefined;
  /** Overrides the provider code reported on the error (after `codes` were looked up). */
  reportedCode?: (info: ErrorInfo & { field: FieldError | undefined }) => string | undefined;
}

export interface FieldError {
  path: string | undefined;
  message: string | undefined;
}

const MAX_MESSAGE = 300;

function locate(locator: Locator | undefined, response: ProviderResponse): unknown {
  if (locator === undefined) return undefined;
  if (typeof locator === 'function') return locator(response);
  for (const path of typeof locator === 'string' ? [locator] : locator) {
    const value = readPath(response.body, path);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value === '') return undefined;
  return value.length > MAX_MESSAGE ? `${value.slice(0, MAX_MESSAGE)}…` : value;
}

function fieldOf(value: unknown): FieldError | undefined {
  if (typeof value === 'string') return { path: value || undefined, message: undefined };
  if (!value || typeof value !== 'object') return undefined;
  const { path, message } = value as { path?: unknown; message?: unknown };
  return { path: asText(path), message: asText(message) };
}

function applies(table: ErrorTable, response: ProviderResponse): boolean {
  if (table.failedBody?.(response.body)) return true;
  const range = table.statuses ?? { from: 400, to: 499 };
  return range !== false && response.status >= range.from && response.status <= range.to;
}

function defaultDetail(field: FieldError | undefined): string | undefined {
  if (!field?.path) return field?.message;
  return field.message ? `${field.path}: ${field.message}` : field.path;
}

/**
 * Builds a connector's `mapError` from a declaration.
 *
 * @example
 * mapError: mapErrorsFrom({
 *   provider: 'Twilio',
 *   code: 'code',
 *   message: 'message',
 *   codes: { 20003: 'AUTH_INVALID', 20404: 'NOT_FOUND', 20429: 'RATE_LIMITED' },
 *   byStatus: { 401: 'AUTH_INVALID', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND', 429: 'RATE_LIMITED' },
 *   otherwise: 'INVALID_INPUT',
 * })
 */
export function mapErrorsFrom(table: ErrorTable): (response: ProviderResponse) => ConnectorError | undefined {
  return (response) => {
    if (!applies(table, response)) return undefined;
    const providerCode = asText(locate(table.code, response));
    const said = asText(locate(table.message, response));
    const daily = providerCode !== undefined && table.dailyQuota?.codes.includes(providerCode) === true;
    const limited = daily || response.status === 429 || table.rateLimited?.(response) === true;
    const code: ConnectorErrorCode | undefined = limited
      ? 'RATE_LIMITED'
      : ((providerCode === undefined ? undefined : table.codes?.[providerCode]) ?? table.byStatus?.[response.status] ?? table.otherwise);
    if (code === undefined) return undefined;
    const info: ErrorInfo = { ...response, providerCode, said, code };
    const field = code === 'INVALID_INPUT' ? fieldOf(locate(table.field, response)) : undefined;
    const verb = table.verbs?.[code] ?? (code === 'RATE_LIMITED' ? 'rate limit' : 'refused');
    const detail = table.detail ? table.detail({ ...info, field }) : defaultDetail(field);
    const text = `${table.provider} ${typeof verb === 'function' ? verb(info) : verb}: ${said ?? providerCode ?? `HTTP ${response.status}`}`;
    return new ConnectorError(code, detail ? `${text} (${detail})` : text, {
      status: response.status,
      providerCode: table.reportedCode ? table.reportedCode({ ...info, field }) : providerCode,
      path: field?.path,
      retryAfterMs:
        daily && table.dailyQuota
          ? untilDailyReset(table.dailyQuota.timeZone)
          : code === 'RATE_LIMITED'
            ? waitFrom(table.wait ?? DEFAULT_WAIT, response.headers, response.body)
            : undefined,
    });
  };
}
