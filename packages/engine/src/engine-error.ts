/**
 * @module Failures of the engine itself (as opposed to a connector's ConnectorError): each has
 * a code from a closed set that the API maps to a tRPC code.
 */
import type { ConnectionStatus } from '@patchbay/db';

export type EngineErrorCode =
  /** No installed connector has this id, or it has no such action. */
  | 'CONNECTOR_NOT_INSTALLED'
  /** No such connection in this tenant. */
  | 'CONNECTION_NOT_FOUND'
  /** The connection belongs to another connector than the one called. */
  | 'CONNECTION_MISMATCH'
  /** The connection is not active (`needs_reauth`, `revoked`, `error`). */
  | 'CONNECTION_INACTIVE'
  /** The stored credentials do not open: their key left the key ring, or the row was tampered with. */
  | 'CREDENTIALS_UNREADABLE'
  /** Neither the tenant nor the operator configured an OAuth app for this connector. */
  | 'OAUTH_APP_MISSING'
  /** The idempotency key was used before with a different input. */
  | 'IDEMPOTENCY_CONFLICT'
  /** A run with this idempotency key is still running elsewhere and did not finish in time. */
  | 'IDEMPOTENCY_PENDING'
  | 'RUN_NOT_FOUND'
  /** No such trigger subscription in this tenant. */
  | 'SUBSCRIPTION_NOT_FOUND'
  /** An OAuth `returnTo` outside the organization's allow-list. */
  | 'RETURN_TO_NOT_ALLOWED'
  /** An OAuth flow failed: bad, reused or expired state, issuer mismatch, refused exchange. */
  | 'OAUTH_FLOW'
  /** A connect token that is unknown, used or expired. */
  | 'CONNECT_TOKEN_INVALID'
  /** The run is in a state that does not allow this (cancelling a finished run). */
  | 'RUN_STATE'
  /** The connector acts for one account of the grant and none is chosen yet (`connections.setAccount`). */
  | 'ACCOUNT_NOT_CHOSEN'
  /** `connections.setAccount` named an account `discover` does not list for this grant. */
  | 'ACCOUNT_NOT_FOUND'
  /** `connections.credentials` on a connection without an access token (API key, basic). */
  | 'NO_ACCESS_TOKEN';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: EngineErrorCode;
  readonly connectionStatus: ConnectionStatus | undefined;
  constructor(code: EngineErrorCode, message: string, details: { connectionStatus?: ConnectionStatus | undefined } = {}) {
    super(message);
    this.code = code;
    this.connectionStatus = details.connectionStatus;
  }
}
