/**
 * @module The closed set of `error.data.code` values a client can receive, each with what it
 * means here. tRPC's codes cover transport and domain alike; connector failures add their own
 * code in other `data` fields.
 */
import type { TRPCError } from '@trpc/server';

export type ApiErrorCode = TRPCError['code'];

export const API_ERROR_MEANINGS = {
  PARSE_ERROR: 'The request body is not valid JSON.',
  BAD_REQUEST:
    'The input failed validation; `data.issues` or `data.path` says where (`data.reason` INVALID_INPUT for action input and for text Postgres cannot store or nesting over 64 levels).',
  UNAUTHORIZED: 'No valid session or API key.',
  PAYMENT_REQUIRED: 'Not used by Patchbay.',
  FORBIDDEN: 'Authenticated, but not allowed (role, organization membership, CSRF).',
  NOT_FOUND: 'No such procedure, or no such resource in this tenant.',
  METHOD_NOT_SUPPORTED: 'Wrong HTTP method: queries are GET, mutations are POST.',
  TIMEOUT: 'The operation took too long.',
  CONFLICT: 'The request conflicts with the current state (duplicate, idempotency key reuse).',
  PRECONDITION_FAILED: 'The resource is not in a state that allows this (e.g. connection needs re-auth).',
  PAYLOAD_TOO_LARGE: 'The request body, its headers (HTTP 431) or the batch is over the limit.',
  UNSUPPORTED_MEDIA_TYPE: 'Mutations take `content-type: application/json`.',
  UNPROCESSABLE_CONTENT: 'The input is well-formed but cannot be processed.',
  PRECONDITION_REQUIRED: 'A required precondition header is missing.',
  TOO_MANY_REQUESTS: 'Rate limited; retry later.',
  CLIENT_CLOSED_REQUEST: 'The client went away before the response.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure; the message carries the request id to report.',
  NOT_IMPLEMENTED: 'Not implemented.',
  BAD_GATEWAY: 'The upstream provider failed.',
  SERVICE_UNAVAILABLE:
    'Patchbay or its database is temporarily unavailable (down, restarting, or no connection free within 2 s); retry later.',
  GATEWAY_TIMEOUT: 'The upstream provider did not answer in time.',
} as const satisfies Record<ApiErrorCode, string>;

export const API_ERROR_CODES = Object.keys(API_ERROR_MEANINGS) as ApiErrorCode[];
