/**
 * @module The error a failed call throws, and a guard to narrow `unknown` to it. With a
 * deployment's router type, `data` is exactly the server's error data; without one it is
 * `PatchbayErrorData`, the fields every Patchbay server sends (apps/server checks they agree).
 */
import { TRPCClientError } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';

/** `error.data` of a failed call. */
export interface PatchbayErrorData {
  /** The tRPC code: `NOT_FOUND`, `TOO_MANY_REQUESTS`, `PRECONDITION_FAILED`, ... */
  code: string;
  httpStatus: number;
  path: string | undefined;
  /** Quote it when reporting a problem: the server logged the failure under it. */
  requestId: string | undefined;
  /** Input validation failures: where and why. */
  issues?: { path: string; message: string }[] | undefined;
  /** Why a connector call or engine operation failed: `AUTH_EXPIRED`, `RATE_LIMITED`, ... */
  reason?: string | undefined;
  retryAfterMs?: number | undefined;
  connectionStatus?: string | undefined;
  upstreamStatus?: number | undefined;
  providerCode?: string | undefined;
  runId?: string | undefined;
}

type RouterErrorData<R extends AnyTRPCRouter> = R['_def']['_config']['$types']['errorShape'] extends { data: infer D } ? D : never;

/** A failed call: a `TRPCClientError` whose `data` is typed from the router, if one is named. */
export type PatchbayClientError<R extends AnyTRPCRouter = AnyTRPCRouter> = TRPCClientError<R> & {
  readonly data: (unknown extends RouterErrorData<R> ? PatchbayErrorData : RouterErrorData<R>) | undefined;
};

/** Narrows a caught value to a call failure, e.g. `if (isPatchbayClientError(e) && e.data?.reason === 'RATE_LIMITED')`. */
export function isPatchbayClientError<R extends AnyTRPCRouter = AnyTRPCRouter>(error: unknown): error is PatchbayClientError<R> {
  return error instanceof TRPCClientError;
}
