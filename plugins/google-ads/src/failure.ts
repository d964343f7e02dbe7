/**
 * @module Reading a `GoogleAdsFailure` (https://developers.google.com/google-ads/api/rest/common/errors):
 * a google.rpc.Status whose `details` hold `{ errors: [{ errorCode: { <kind>: <CODE> }, message,
 * location: { fieldPathElements: [{ fieldName, index? }] }, details: { quotaErrorDetails: { retryDelay } } }] }`.
 * The same shape comes as the body of a failed request (`error`) and inside a 200 as
 * `partialFailureError`, so both the error table and `uploadClickConversions` read it here.
 */
import { readPath } from '@patchbay/sdk';

export interface AdsError {
  /** The enum value, `USER_PERMISSION_DENIED`. */
  code: string;
  /** Its error family, `authorizationError`. */
  kind: string;
  message: string | undefined;
  /** `operations.0.update.status`, from the field path elements. */
  path: string | undefined;
  /** The first field path element's index: the operation or row that failed. */
  index: number | undefined;
}

interface PathElement {
  fieldName?: unknown;
  index?: unknown;
}

function pathOf(elements: unknown): { path: string | undefined; index: number | undefined } {
  if (!Array.isArray(elements) || elements.length === 0) return { path: undefined, index: undefined };
  const parts: string[] = [];
  for (const e of elements as PathElement[]) {
    if (typeof e.fieldName === 'string') parts.push(e.fieldName);
    if (typeof e.index === 'number') parts.push(String(e.index));
  }
  const first = (elements[0] as PathElement).index;
  return { path: parts.join('.') || undefined, index: typeof first === 'number' ? first : undefined };
}

/** Every error in a google.rpc.Status's GoogleAdsFailure details, in order. */
export function adsErrors(status: unknown): AdsError[] {
  const details = readPath(status, 'details');
  if (!Array.isArray(details)) return [];
  const out: AdsError[] = [];
  for (const detail of details) {
    const type = readPath(detail, '@type');
    if (typeof type !== 'string' || !type.endsWith('.errors.GoogleAdsFailure')) continue;
    const errors = readPath(detail, 'errors');
    if (!Array.isArray(errors)) continue;
    for (const error of errors) {
      const errorCode = readPath(error, 'errorCode');
      const [kind, code] = Object.entries(errorCode && typeof errorCode === 'object' ? errorCode : {})[0] ?? [];
      const message = readPath(error, 'message');
      out.push({
        code: typeof code === 'string' ? code : 'UNKNOWN',
        kind: kind ?? 'unknown',
        message: typeof message === 'string' ? message : undefined,
        ...pathOf(readPath(error, 'location.fieldPathElements')),
      });
    }
  }
  return out;
}

/** `"30s"` or `"1.5s"` (a protobuf Duration in JSON) in milliseconds. */
export function durationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.ceil(Number(match[1]) * 1000) : undefined;
}

/**
 * The wait a quota error names: `quotaErrorDetails.retryDelay` on a GoogleAdsFailure error, or a
 * `google.rpc.RetryInfo` detail's `retryDelay`.
 */
export function retryDelayMs(status: unknown): number | undefined {
  const details = readPath(status, 'details');
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const info = durationMs(readPath(detail, 'retryDelay'));
    if (info !== undefined) return info;
    const errors = readPath(detail, 'errors');
    for (const error of Array.isArray(errors) ? errors : []) {
      const quota = durationMs(readPath(error, 'details.quotaErrorDetails.retryDelay'));
      if (quota !== undefined) return quota;
    }
  }
  return undefined;
}
