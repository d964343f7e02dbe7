/**
 * @module What a failed send means: cancelled, timed out, or a network error, and whether the
 * request can have reached the provider (`requestSent`), which decides if a POST may be retried.
 */
import { ConnectorError } from '../errors.ts';

/** Socket errors that happen before a byte of the request is written: the provider cannot have acted. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}

export function networkError(error: unknown, signal: AbortSignal, attemptSignal: AbortSignal): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (signal.aborted) return new ConnectorError('CANCELLED', 'The run was cancelled', { cause: error });
  const code = errorCode(error);
  const requestSent = !(code && NOT_SENT_CODES.has(code));
  if (code === 'UND_ERR_CONNECT_TIMEOUT')
    return new ConnectorError('TIMEOUT', 'Could not connect to the provider in time', { requestSent, cause: error });
  if (attemptSignal.aborted) return new ConnectorError('TIMEOUT', 'The provider did not answer in time', { cause: error });
  return new ConnectorError('UPSTREAM', `Network error talking to the provider${code ? ` (${code})` : ''}`, { requestSent, cause: error });
}
