import { getConnInfo } from '@hono/node-server/conninfo';
import { type ApiContext, type AppRouter, appRouter } from '@patchbay/api';
import type { AccountServices } from '@patchbay/auth';
import type { Database, RunChannel } from '@patchbay/db';
import type { Engine } from '@patchbay/engine';
import type { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from './client-address.ts';
import type { Logger } from './logger.ts';
import type { RequestVariables } from './request-id.ts';
import { readSessionToken, sessionCookies } from './session-cookie.ts';

/** Most calls one batched request may carry; larger batches are refused before any runs. */
export const MAX_BATCH_SIZE = 20;

export interface TrpcRouteOptions {
  db: Kysely<Database>;
  engine: Engine;
  version: string;
  secureCookies: boolean;
  router?: AppRouter;
  trustedProxies?: TrustedProxies | undefined;
  accounts: AccountServices;
}

const NO_PROXIES = parseTrustedProxies(undefined);

/** What building a procedure's context reads of a request, whichever server layer received it. */
export interface RequestFacts {
  requestId: string;
  header(name: string): string | undefined;
  /** The address of the socket's peer (a proxy, or the client itself). */
  peerAddress(): string | undefined;
}

function honoFacts(c: Context<{ Variables: RequestVariables }>): RequestFacts {
  return {
    requestId: c.get('requestId'),
    header: (name) => c.req.header(name),
    peerAddress() {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined;
      }
    },
  };
}

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? '';
}

/**
 * The context every procedure gets, built from the request. The REST and MCP surfaces build
 * theirs here too (with their `channel`), so auth, tenant and scope checks are tRPC's own.
 */
export function requestContext(
  c: Context<{ Variables: RequestVariables }>,
  options: TrpcRouteOptions,
  resHeaders: Headers,
  channel?: RunChannel,
): ApiContext {
  return contextFromFacts(honoFacts(c), options, resHeaders, channel);
}

/** `requestContext` from the request's facts alone (node-action-call.ts has no Hono context). */
export function contextFromFacts(request: RequestFacts, options: TrpcRouteOptions, resHeaders: Headers, channel?: RunChannel): ApiContext {
  return {
    db: options.db,
    engine: options.engine,
    requestId: request.requestId,
    version: options.version,
    credentials: {
      bearer: bearerToken(request.header('authorization')),
      // The REST and MCP surfaces take API keys only: no cookie, so no cross-site request rides on a session.
      sessionToken: channel === undefined ? readSessionToken(request.header('cookie')) : undefined,
      org: request.header('x-patchbay-org'),
    },
    // Read only by throttling; resolving it costs a syscall, so not on every request.
    clientIp: () => clientAddress(request.peerAddress(), request.header('x-forwarded-for'), options.trustedProxies ?? NO_PROXIES),
    cookies: sessionCookies(resHeaders, options.secureCookies),
    accounts: options.accounts,
    channel,
  };
}

/** Failures the client sees only as a request id are logged with their cause. */
export function logProcedureFailure(log: Logger, error: TRPCError, path: string | undefined): void {
  if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error.cause ?? error, path }, 'procedure failed');
}

/** tRPC's own handler for `req` (the request itself, or one rebuilt after its body was read). */
export function handleTrpcRequest(c: Context<{ Variables: RequestVariables }>, options: TrpcRouteOptions, req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/trpc',
    req,
    router: options.router ?? appRouter,
    allowMethodOverride: false,
    allowBatching: true,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => requestContext(c, options, resHeaders),
    onError: ({ error, path }) => logProcedureFailure(c.get('log'), error, path),
  });
}

export function trpcHandler(options: TrpcRouteOptions) {
  return (c: Context<{ Variables: RequestVariables }>) => handleTrpcRequest(c, options, c.req.raw);
}
