/**
 * @module The action call's own way through `/trpc`: one `actions.<connector>.<action>`
 * mutation, plain or as a batch of one (what `httpBatchLink` sends for a lone call), answered
 * without tRPC's fetch adapter. The adapter turns every request into a web `Request` with a
 * body stream, then builds a `Response` through web streams and header lists; on the hot path
 * that plumbing cost more CPU than the call's own work (docs/perf/s3-profile-after.md). Here
 * the body is read straight from the socket and the answer is one JSON string.
 *
 * It runs the very procedure tRPC would, with the same context, middleware (auth tiers, input
 * guard, error mapping; run by middleware-chain.ts), error formatter and status, and answers
 * byte for byte what tRPC's handler answers (action-call-route.test.ts holds the two side by
 * side). Anything else — other procedures, larger batches, streaming accepts, a body that is
 * not JSON, a query string beyond `batch=1` — goes on to tRPC's own handler untouched.
 */
import type { ApiContext, AppRouter } from '@patchbay/api';
import type { AnyProcedure, TRPCError } from '@trpc/server';
import { getTRPCErrorFromUnknown } from '@trpc/server';
import { getErrorShape, getHTTPStatusCode } from '@trpc/server/unstable-core-do-not-import';
import type { Context, Next } from 'hono';
import { runMiddlewareChain } from './middleware-chain.ts';
import type { RequestVariables } from './request-id.ts';
import { handleTrpcRequest, logProcedureFailure, requestContext, type TrpcRouteOptions } from './trpc-route.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

const PREFIX = '/trpc/';

/** The parts of a request this route takes, or undefined for one it leaves to tRPC's handler. */
function actionPath(c: Ctx): { path: string; batch: boolean } | undefined {
  const url = c.req.url;
  const start = url.indexOf(PREFIX);
  if (start < 0) return undefined;
  const query = url.indexOf('?', start);
  const path = url.slice(start + PREFIX.length, query < 0 ? undefined : query);
  if (!path.startsWith('actions.') || path.includes(',') || path.includes('%') || path.includes('/')) return undefined;
  const search = query < 0 ? '' : url.slice(query + 1);
  if (search !== '' && search !== 'batch=1') return undefined;
  const contentType = c.req.header('content-type');
  if (contentType === undefined || contentType.split(';', 1)[0]?.trim().toLowerCase() !== 'application/json') return undefined;
  // Streaming answers (httpBatchStreamLink, SSE) are tRPC's own.
  if (c.req.header('trpc-accept') !== undefined || c.req.header('accept')?.includes('application/jsonl')) return undefined;
  return { path, batch: search === 'batch=1' };
}

/** The input tRPC would hand the procedure, or `fallback` where tRPC would answer otherwise. */
function rawInput(body: string, batch: boolean): { input: unknown } | 'fallback' {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    return 'fallback';
  }
  if (!batch) return { input: parsed };
  if (parsed === undefined) return { input: undefined };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'fallback';
  return { input: (parsed as Record<string, unknown>)['0'] };
}

export function actionCallRoute(options: TrpcRouteOptions & { router: AppRouter }) {
  // `_def.procedures` holds every procedure by its dotted path (tRPC flattens the router once).
  const procedures = options.router._def.procedures as unknown as Record<string, AnyProcedure | undefined>;
  const config = options.router._def._config;
  return async (c: Ctx, next: Next) => {
    const target = actionPath(c);
    const procedure = target ? procedures[target.path] : undefined;
    if (!target || procedure?._def.type !== 'mutation') return next();
    const body = await c.req.text();
    const parsed = rawInput(body, target.batch);
    // The body is read: tRPC's handler gets it back in a request of its own.
    if (parsed === 'fallback')
      return handleTrpcRequest(c, options, new Request(c.req.url, { method: 'POST', headers: c.req.raw.headers, body }));

    const { path } = target;
    const resHeaders = new Headers();
    const ctx: ApiContext = requestContext(c, options, resHeaders);
    let json: unknown;
    let error: TRPCError | undefined;
    try {
      const data = await runMiddlewareChain(procedure, {
        path,
        getRawInput: async () => parsed.input,
        ctx: ctx as unknown as Record<string, unknown>,
        type: 'mutation',
        signal: c.req.raw.signal,
        batchIndex: 0,
      });
      json = { result: { data } };
    } catch (cause) {
      error = getTRPCErrorFromUnknown(cause);
      logProcedureFailure(c, error, path);
      json = { error: getErrorShape({ config, ctx, error, input: parsed.input, path, type: 'mutation' }) };
    }
    const status = getHTTPStatusCode(json as Parameters<typeof getHTTPStatusCode>[0], error ? [error] : []);
    const headers: [string, string][] = [
      ['vary', 'trpc-accept, accept'],
      ['content-type', 'application/json'],
    ];
    for (const header of resHeaders) headers.push(header);
    return new Response(JSON.stringify(target.batch ? [json] : json), { status, headers });
  };
}
