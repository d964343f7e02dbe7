import { initTRPC } from '@trpc/server';
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

export const t = builder.create({
  errorFormatter({ shape, error, ctx, path }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const requestId = ctx?.requestId;
    const data: ApiErrorDataWithDetails = { code: error.code, httpStatus: shape.data.httpStatus, path, requestId };
    if (error instanceof DetailedTRPCError) Object.assign(data, withoutUndefined(error.details));
    if (error.cause instanceof ZodError) {
      data.issues = error.cause.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    }
    // Internal failures are logged with the request id by the server; the client gets only the id.
    const message = internal ? `Internal error${requestId ? ` (request id ${requestId})` : ''}` : shape.message;
    return { code: shape.code, message, data };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
