/**
 * @module The action call's own way through `/trpc`: one `actions.<connector>.<action>`
 * mutation, plain or as a batch of one (what `httpBatchLink` sends for a lone call), answered
 * without tRPC's fetch adapter. The adapter turns every request into a web `Request` with a
 * body stream, then builds a `Response` through web streams and header lists; on the hot path
 * that plumbing cost more CPU than the call's own work (docs/perf/s3-profile-after.md). Here
 * the answer is one JSON string.
 *
 * It runs the very procedure tRPC would, with the same context, middleware (auth tiers, input
 * guard, error mapping; run by middleware-chain.ts), error formatter and status, and answers
 * byte for byte what tRPC's handler answers (action-call-route.test.ts holds the two side by
 * side). Two server layers use it: action-call-route.ts behind Hono's middleware, and
 * node-action-call.ts in front of Hono for API-key calls.
 */
import type { ApiContext, AppRouter } from '@patchbay/api';
import type { AnyProcedure, TRPCError } from '@trpc/server';
import { getTRPCErrorFromUnknown } from '@trpc/server';
import { getErrorShape, getHTTPStatusCode } from '@trpc/server/unstable-core-do-not-import';
import { runMiddlewareChain } from './middleware-chain.ts';

const PREFIX = '/trpc/';

/** A request this way takes: the procedure, its dotted path, and whether it came as a batch of one. */
export interface ActionCallTarget {
  procedure: AnyProcedure;
  path: string;
  batch: boolean;
}

/** The router's action mutations by path, and its config (for the error formatter). */
export interface ActionProcedures {
  procedures: Record<string, AnyProcedure | undefined>;
  config: AppRouter['_def']['_config'];
}

export function actionProcedures(router: AppRouter): ActionProcedures {
  // `_def.procedures` holds every procedure by its dotted path (tRPC flattens the router once).
  return { procedures: router._def.procedures as unknown as Record<string, AnyProcedure | undefined>, config: router._def._config };
}

/**
 * The target of a request this way takes, or undefined for one it leaves to tRPC's handler.
 * `url` is the request's URL, whole or from its path on.
 */
export function actionCallTarget(
  { procedures }: ActionProcedures,
  url: string,
  header: (name: string) => string | undefined,
): ActionCallTarget | undefined {
  const start = url.indexOf(PREFIX);
  if (start < 0) return undefined;
  const query = url.indexOf('?', start);
  const path = url.slice(start + PREFIX.length, query < 0 ? undefined : query);
  if (!path.startsWith('actions.') || path.includes(',') || path.includes('%') || path.includes('/') || path.includes('\\'))
    return undefined;
  const search = query < 0 ? '' : url.slice(query + 1);
  if (search !== '' && search !== 'batch=1') return undefined;
  const contentType = header('content-type');
  if (contentType === undefined || contentType.split(';', 1)[0]?.trim().toLowerCase() !== 'application/json') return undefined;
  // Streaming answers (httpBatchStreamLink, SSE) are tRPC's own.
  if (header('trpc-accept') !== undefined || header('accept')?.includes('application/jsonl')) return undefined;
  const procedure = procedures[path];
  if (procedure?._def.type !== 'mutation') return undefined;
  return { procedure, path, batch: search === 'batch=1' };
}

/** The input tRPC would hand the procedure, or `fallback` where tRPC would answer otherwise. */
export function rawInput(body: string, batch: boolean): { input: unknown } | 'fallback' {
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

export interface ActionAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** Runs the procedure and builds tRPC's answer; `onFailure` sees every error before it is shaped. */
export async function answerActionCall(
  { config }: ActionProcedures,
  { procedure, path, batch }: ActionCallTarget,
  input: unknown,
  call: { ctx: ApiContext; resHeaders: Headers; signal: AbortSignal | undefined; onFailure: (error: TRPCError) => void },
): Promise<ActionAnswer> {
  const { ctx } = call;
  let json: unknown;
  let error: TRPCError | undefined;
  try {
    const data = await runMiddlewareChain(procedure, {
      path,
      getRawInput: async () => input,
      ctx: ctx as unknown as Record<string, unknown>,
      type: 'mutation',
      signal: call.signal,
      batchIndex: 0,
    });
    json = { result: { data } };
  } catch (cause) {
    error = getTRPCErrorFromUnknown(cause);
    call.onFailure(error);
    json = { error: getErrorShape({ config, ctx, error, input, path, type: 'mutation' }) };
  }
  const status = getHTTPStatusCode(json as Parameters<typeof getHTTPStatusCode>[0], error ? [error] : []);
  const headers: [string, string][] = [
    ['vary', 'trpc-accept, accept'],
    ['content-type', 'application/json'],
  ];
  for (const header of call.resHeaders) headers.push(header);
  return { status, headers, body: JSON.stringify(batch ? [json] : json) };
}
