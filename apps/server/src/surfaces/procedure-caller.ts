/**
 * @module The REST and MCP surfaces call the tRPC procedures themselves, through a server-side
 * caller: the same auth tiers, input guard, runner and error mapping, so a call from any surface
 * leaves the same run record and fails with the same `reason`.
 */
import { type ApiErrorDataWithDetails, type AppRouter, apiErrorBody, createCallerFactory } from '@patchbay/api';
import type { ApiKeyPrincipal } from '@patchbay/auth';
import type { RunChannel } from '@patchbay/db';
import { getTRPCErrorFromUnknown } from '@trpc/server';
import type { Context } from 'hono';
import type { RequestVariables } from '../request-id.ts';
import { logProcedureFailure, requestContext, type TrpcRouteOptions } from '../trpc-route.ts';

export type Procedure = (input: unknown) => Promise<unknown>;

export interface ProcedureCaller {
  /** The procedure at a dotted path (`runs.list`, `actions.slack.postMessage`). */
  at(path: string): Procedure;
}

/** What a client gets for a failure: the envelope of every surface (`{ error: { message, code, reason, ... } }`). */
export interface ErrorEnvelope {
  error: { message: string } & ApiErrorDataWithDetails;
}

export function procedureCaller(
  c: Context<{ Variables: RequestVariables }>,
  options: TrpcRouteOptions & { router: AppRouter },
  channel: RunChannel,
  apiKey?: ApiKeyPrincipal,
): ProcedureCaller {
  const ctx = { ...requestContext(c, options, new Headers(), channel), apiKey };
  const caller: unknown = createCallerFactory(options.router)(ctx, {
    onError: ({ error, path }) => logProcedureFailure(c.get('log'), error, path),
  });
  return {
    at(path) {
      // The caller is a proxy over every path, including the connector actions its static type omits.
      let node = caller;
      for (const key of path.split('.')) node = Reflect.get(node as object, key);
      if (typeof node !== 'function') throw new TypeError(`No procedure at ${path}`);
      return (input) => Reflect.apply(node, undefined, [input]) as Promise<unknown>;
    },
  };
}

/** A thrown procedure failure as the error envelope and its HTTP status. */
export function errorEnvelope(error: unknown, path: string, requestId: string): { status: number; body: ErrorEnvelope } {
  const { message, data } = apiErrorBody(getTRPCErrorFromUnknown(error), path, requestId);
  return { status: data.httpStatus, body: { error: { message, ...data } } };
}
