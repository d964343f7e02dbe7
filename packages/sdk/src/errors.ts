/**
 * @module ConnectorError: the one error a connector action fails with. Its code comes from a
 * closed set the engine and clients understand; its data says what a caller can act on.
 */
export const CONNECTOR_ERROR_CODES = [
  /** The access token expired or was revoked: the engine refreshes once and retries. */
  'AUTH_EXPIRED',
  /** The credentials are wrong (bad API key): refreshing will not help. */
  'AUTH_INVALID',
  /** The credentials lack a scope or permission the call needs. */
  'FORBIDDEN_SCOPE',
  /** The provider throttled us; `retryAfterMs` says when to come back. */
  'RATE_LIMITED',
  /** The input failed validation, ours or the provider's. */
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  /** The provider failed (5xx, network). */
  'UPSTREAM',
  /** The provider answered with something other than what the action declares. */
  'UPSTREAM_CONTRACT',
  'TIMEOUT',
  /**
   * An upload failed after part of its body was sent and could not be resumed (a streamed body
   * that cannot be read again, or a resumable session that ran out of tries or expired). It was
   * not started again from the first byte; `status` is the provider's last answer, if any.
   */
  'UPLOAD_INCOMPLETE',
  'CANCELLED',
  /** A request to a host outside the connector's declared base URLs was refused. */
  'HOST_NOT_ALLOWED',
  /** The connector itself failed (a bug): not the caller's fault, not the provider's. */
  'CONNECTOR_FAILURE',
] as const;

export type ConnectorErrorCode = (typeof CONNECTOR_ERROR_CODES)[number];

export interface ConnectorErrorData {
  /** The provider's HTTP status, when there was a response. */
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  /** The provider's own error code (`channel_not_found`, `card_declined`, ...). */
  providerCode?: string | undefined;
  /** For UPSTREAM_CONTRACT and INVALID_INPUT: where the value was wrong. */
  path?: string | undefined;
  /** False when the request never reached the provider (connection refused, DNS failure, connect timeout): it cannot have acted. */
  requestSent?: boolean | undefined;
  cause?: unknown;
}

/**
 * @example
 * throw new ConnectorError('NOT_FOUND', 'Channel not found', { status: 200, providerCode: 'channel_not_found' });
 */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly code: ConnectorErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly providerCode: string | undefined;
  readonly path: string | undefined;
  readonly requestSent: boolean | undefined;

  constructor(code: ConnectorErrorCode, message: string, data: ConnectorErrorData = {}) {
    super(message, data.cause === undefined ? undefined : { cause: data.cause });
    this.code = code;
    this.status = data.status;
    this.retryAfterMs = data.retryAfterMs;
    this.providerCode = data.providerCode;
    this.path = data.path;
    this.requestSent = data.requestSent;
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      providerCode: this.providerCode,
      path: this.path,
    };
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}
