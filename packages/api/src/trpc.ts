import { initTRPC, type TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';
import type { ApiMeta } from './access.ts';
import type { ApiContext } from './context.ts';
import type { ApiErrorCode } from './error-codes.ts';
import { DetailedTRPCError, type FailureDetails } from './failure-details.ts';

const withoutUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export interface ApiErrorData {
  code: ApiErrorCode;
  httpStatus: number;
  path: string | undefined;
  requestId: string | undefined;
  /** Input validation failures: where and why, never the offending value. */
  issues?: { path: string; message: string }[];
}

/** `data` of a failed connector call or engine operation. */
export type ApiErrorDataWithDetails = ApiErrorData & Partial<FailureDetails>;

/** Procedures carry their access tier as meta (access.ts). */
const builder = initTRPC.context<ApiContext>().meta<ApiMeta>();

/**
 * What a client sees of a failure: the message (internal ones reduced to the request id) and
 * `data` with the tRPC code, HTTP status, failure details and input issues. tRPC's error
 * formatter and the REST and MCP surfaces all answer with this, so they fail alike.
 */
export function apiErrorBody(
  error: TRPCError,
  path: string | undefined,
  requestId: string | undefined,
): { message: string; data: ApiErrorDataWithDetails } {
  const internal = error.code === 'INTERNAL_SERVER_ERROR';
  const data: ApiErrorDataWithDetails = { code: error.code, httpStatus: getHTTPStatusCodeFromError(error), path, requestId };
  if (error instanceof DetailedTRPCError) Object.assign(data, withoutUndefined(error.details));
  if (error.cause instanceof ZodError) {
    data.issues = error.cause.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  }
  // Internal failures are logged with the request id by the server; the client gets only the id.
  const message = internal ? `Internal error${requestId ? ` (request id ${requestId})` : ''}` : error.message;
  return { message, data };
}

export const t = builder.create({
  errorFormatter({ shape, error, ctx, path }) {
    const { message, data } = apiErrorBody(error, path, ctx?.requestId);
    return { code: shape.code, message, data };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
