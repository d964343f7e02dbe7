import { AuthError, type AuthErrorCode } from '@patchbay/auth';
import { isDatabaseUnavailable, ScopeError } from '@patchbay/db';
import { TRPCError } from '@trpc/server';
import type { ApiErrorCode } from './error-codes.ts';
import { toFailureError } from './failure-details.ts';

const AUTH_CODES: Record<AuthErrorCode, ApiErrorCode> = {
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_REQUESTS',
  WEAK_PASSWORD: 'BAD_REQUEST',
  EMAIL_TAKEN: 'CONFLICT',
};

/**
 * The one conversion from domain errors to tRPC errors; anything else stays INTERNAL. A
 * database that is down or restarting is SERVICE_UNAVAILABLE: the caller may retry, and the
 * message names no host, port or driver detail.
 */
export function toTrpcError(error: unknown): TRPCError | undefined {
  if (error instanceof AuthError) return new TRPCError({ code: AUTH_CODES[error.code], message: error.message, cause: error });
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
