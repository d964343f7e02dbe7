import { AuthError, type AuthErrorCode } from '@patchbay/auth';
import { isDatabaseUnavailable, ScopeError } from '@patchbay/db';
import { TRPCError } from '@trpc/server';
import type { ApiErrorCode } from './error-codes.ts';
import { CALL_FAILURE_REASONS, DetailedTRPCError, type FailureDetails, toFailureError } from './failure-details.ts';

const AUTH_CODES: Record<AuthErrorCode, ApiErrorCode> = {
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_REQUESTS',
  WEAK_PASSWORD: 'BAD_REQUEST',
  INVALID_TOKEN: 'BAD_REQUEST',
  EMAIL_NOT_VERIFIED: 'FORBIDDEN',
  SIGNUP_CLOSED: 'FORBIDDEN',
  INVITATION_FOR_ANOTHER_EMAIL: 'FORBIDDEN',
  LAST_OWNER: 'PRECONDITION_FAILED',
};

/** The closed set of `data.reason` values: connector, engine and account failures (the OpenAPI enum). */
export const FAILURE_REASONS: readonly FailureDetails['reason'][] = [
  ...CALL_FAILURE_REASONS,
  ...(Object.keys(AUTH_CODES) as AuthErrorCode[]),
];

/**
 * The one conversion from domain errors to tRPC errors; anything else stays INTERNAL. A
 * database that is down or restarting is SERVICE_UNAVAILABLE: the caller may retry, and the
 * message names no host, port or driver detail.
 */
export function toTrpcError(error: unknown): TRPCError | undefined {
  // `data.reason` names the account failure, e.g. EMAIL_NOT_VERIFIED apart from SIGNUP_CLOSED (both FORBIDDEN).
  if (error instanceof AuthError) return new DetailedTRPCError(AUTH_CODES[error.code], error.message, { reason: error.code }, error);
  if (error instanceof ScopeError) return new TRPCError({ code: 'NOT_FOUND', message: 'Not found', cause: error });
  const failure = toFailureError(error);
  if (failure) return failure;
  if (isDatabaseUnavailable(error)) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; retry shortly', cause: error });
  }
  return undefined;
}

export const notFound = (what: string) => new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
export const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message });
export const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });
