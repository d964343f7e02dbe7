/**
 * @module Meta Graph errors as the WhatsApp Cloud API sends them
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes):
 * `{ error: { message, type, code, error_subcode, error_user_msg, error_data: { details }, fbtrace_id } }`.
 * Meta says to key on `code`, not on titles. Throttling arrives as 400s with its own codes, not
 * reliably as 429; a wait, when Meta gives one, is in `X-Business-Use-Case-Usage`
 * (`estimated_time_to_regain_access`, minutes; https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
 */
import { ConnectorError, mapErrorsFrom, type ProviderResponse, readPath } from '@patchbay/sdk';

/** Outside the 24-hour customer-service window only a template can reach the user. */
const REENGAGEMENT = '131047';

const table = mapErrorsFrom({
  provider: 'WhatsApp',
  // 5xx bodies carry codes too (131000, 131016): read them, and leave unknown ones to the status.
  statuses: { from: 400, to: 599 },
  code: ({ body }) => (readPath(body, 'error.error_subcode') === 33 ? 'object_not_found' : readPath(body, 'error.code')),
  message: ['error.error_user_msg', 'error.error_data.details', 'error.message'],
  codes: {
    190: 'AUTH_INVALID',
    3: 'FORBIDDEN_SCOPE',
    10: 'FORBIDDEN_SCOPE',
    200: 'FORBIDDEN_SCOPE',
    133010: 'FORBIDDEN_SCOPE',
    object_not_found: 'NOT_FOUND',
    132001: 'NOT_FOUND',
    4: 'RATE_LIMITED',
    80007: 'RATE_LIMITED',
    130429: 'RATE_LIMITED',
    131048: 'RATE_LIMITED',
    131056: 'RATE_LIMITED',
    100: 'INVALID_INPUT',
    131008: 'INVALID_INPUT',
    131009: 'INVALID_INPUT',
    131021: 'INVALID_INPUT',
    131026: 'INVALID_INPUT',
    131047: 'INVALID_INPUT',
    131051: 'INVALID_INPUT',
    131052: 'INVALID_INPUT',
    132000: 'INVALID_INPUT',
    132012: 'INVALID_INPUT',
    1: 'UPSTREAM',
    2: 'UPSTREAM',
    131000: 'UPSTREAM',
    131016: 'UPSTREAM',
  },
  byStatus: { 400: 'INVALID_INPUT', 401: 'AUTH_INVALID', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND' },
  field: ({ body }) => {
    const spec = readPath(body, 'error.error_data.blame_field_specs.0');
    return Array.isArray(spec) && spec.length > 0 ? spec.join('.') : undefined;
  },
  detail: ({ providerCode, field, body }) => {
    const parts: string[] = [];
    if (providerCode === REENGAGEMENT)
      parts.push('more than 24 hours since the user last wrote: only an approved template (sendTemplate) can reach them now');
    if (field?.path) parts.push(field.path);
    const trace = readPath(body, 'error.fbtrace_id');
    if (typeof trace === 'string') parts.push(`fbtrace_id ${trace}`);
    return parts.length > 0 ? parts.join('; ') : undefined;
  },
  reportedCode: ({ body, providerCode }) => {
    const code = readPath(body, 'error.code');
    const sub = readPath(body, 'error.error_subcode');
    if (typeof code !== 'number') return providerCode;
    return typeof sub === 'number' ? `${code}/${sub}` : String(code);
  },
});

/** The longest `estimated_time_to_regain_access` (minutes) in the usage header, in ms. */
export function usageWaitMs(headers: Record<string, string>): number | undefined {
  const raw = headers['x-business-use-case-usage'];
  if (!raw) return undefined;
  let usage: unknown;
  try {
    usage = JSON.parse(raw);
  } catch {
    return undefined;
  }
  let minutes = 0;
  for (const entries of Object.values(usage && typeof usage === 'object' ? usage : {})) {
    for (const entry of Array.isArray(entries) ? entries : []) {
      const m = readPath(entry, 'estimated_time_to_regain_access');
      if (typeof m === 'number' && m > minutes) minutes = m;
    }
  }
  return minutes > 0 ? minutes * 60_000 : undefined;
}

export function whatsappError(response: ProviderResponse): ConnectorError | undefined {
  const error = table(response);
  if (error?.code !== 'RATE_LIMITED' || error.retryAfterMs !== undefined) return error;
  const wait = usageWaitMs(response.headers);
  if (wait === undefined) return error;
  return new ConnectorError('RATE_LIMITED', error.message, { status: error.status, providerCode: error.providerCode, retryAfterMs: wait });
}
