/**
 * @module Connector and engine failures as tRPC errors. `data.code` stays the transport-level
 * code; `data.reason` carries the precise one (`AUTH_EXPIRED`, `CONNECTION_INACTIVE`, ...),
 * with what a caller can act on: when to retry, the connection's status, the run to look at.
 */
import type { AuthErrorCode } from '@patchbay/auth';
import { ActionFailed, EngineError, type EngineErrorCode } from '@patchbay/engine';
import { ConnectorError, type ConnectorErrorCode } from '@patchbay/sdk';
import { TRPCError } from '@trpc/server';
import type { ApiErrorCode } from './error-codes.ts';

export interface FailureDetails {
  reason: ConnectorErrorCode | EngineErrorCode | AuthErrorCode;
  retryAfterMs?: number | undefined;
  connectionStatus?: string | undefined;
  upstreamStatus?: number | undefined;
  providerCode?: string | undefined;
  path?: string | undefined;
  runId?: string | undefined;
}

const CONNECTOR_CODES: Record<ConnectorErrorCode, ApiErrorCode> = {
  AUTH_EXPIRED: 'PRECONDITION_FAILED',
  AUTH_INVALID: 'PRECONDITION_FAILED',
  FORBIDDEN_SCOPE: 'FORBIDDEN',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INVALID_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UPSTREAM: 'BAD_GATEWAY',
  UPSTREAM_CONTRACT: 'BAD_GATEWAY',
  TIMEOUT: 'GATEWAY_TIMEOUT',
  UPLOAD_INCOMPLETE: 'BAD_GATEWAY',
  CANCELLED: 'CLIENT_CLOSED_REQUEST',
  HOST_NOT_ALLOWED: 'BAD_GATEWAY',
  CONNECTOR_FAILURE: 'BAD_GATEWAY',
};

const ENGINE_CODES: Record<EngineErrorCode, ApiErrorCode> = {
  CONNECTOR_NOT_INSTALLED: 'NOT_FOUND',
  CONNECTION_NOT_FOUND: 'NOT_FOUND',
  CONNECTION_MISMATCH: 'BAD_REQUEST',
  CONNECTION_INACTIVE: 'PRECONDITION_FAILED',
  CREDENTIALS_UNREADABLE: 'PRECONDITION_FAILED',
  OAUTH_APP_MISSING: 'PRECONDITION_FAILED',
  IDEMPOTENCY_CONFLICT: 'CONFLICT',
  IDEMPOTENCY_PENDING: 'CONFLICT',
  RETURN_TO_NOT_ALLOWED: 'BAD_REQUEST',
  OAUTH_FLOW: 'BAD_REQUEST',
  CONNECT_TOKEN_INVALID: 'UNAUTHORIZED',
  RUN_NOT_FOUND: 'NOT_FOUND',
  SUBSCRIPTION_NOT_FOUND: 'NOT_FOUND',
  RUN_STATE: 'PRECONDITION_FAILED',
  ACCOUNT_NOT_CHOSEN: 'PRECONDITION_FAILED',
  ACCOUNT_NOT_FOUND: 'NOT_FOUND',
  NO_ACCESS_TOKEN: 'PRECONDITION_FAILED',
};

/** Every `data.reason` a connector or engine failure can carry. */
export const CALL_FAILURE_REASONS = [
  ...(Object.keys(CONNECTOR_CODES) as ConnectorErrorCode[]),
  ...(Object.keys(ENGINE_CODES) as EngineErrorCode[]),
] as const;

/** Failure details travel on the TRPCError so the error formatter can put them in `data`. */
export class DetailedTRPCError extends TRPCError {
  readonly details: FailureDetails;
  constructor(code: ApiErrorCode, message: string, details: FailureDetails, cause: unknown) {
    super({ code, message, cause });
    this.details = details;
  }
}

export function toFailureError(error: unknown): DetailedTRPCError | undefined {
  const runId = error instanceof ActionFailed ? error.runId : undefined;
  const inner = error instanceof ActionFailed ? error.error : error;
  if (inner instanceof ConnectorError) {
    const connectionStatus = inner.code === 'AUTH_EXPIRED' || inner.code === 'AUTH_INVALID' ? 'needs_reauth' : undefined;
    return new DetailedTRPCError(
      CONNECTOR_CODES[inner.code],
      inner.message,
      {
        reason: inner.code,
        retryAfterMs: inner.retryAfterMs,
        upstreamStatus: inner.status,
        providerCode: inner.providerCode,
        path: inner.path,
        connectionStatus,
        runId,
      },
      error,
    );
  }
  if (inner instanceof EngineError) {
    return new DetailedTRPCError(
      ENGINE_CODES[inner.code],
      inner.message,
      { reason: inner.code, connectionStatus: inner.connectionStatus, runId },
      error,
    );
  }
  return undefined;
}
