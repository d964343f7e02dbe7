/**
 * @module A procedure's middleware chain, run as tRPC 11 runs it (`callRecursive` in
 * @trpc/server's initTRPC) but with the language's own object spread. tRPC's published build
 * merges the options and the context at every tier through a transpiled `_objectSpread2`
 * helper (`Object.defineProperty` per key); on the action path that cost more than every
 * database client frame together (docs/perf/s3-profile-after.md). Same middlewares, same
 * order, same options, same merge rules, same failure result: action-call-route.test.ts holds
 * every answer against tRPC's own handler.
 */
import type { AnyProcedure } from '@trpc/server';
import { getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import { middlewareMarker } from '@trpc/server/unstable-core-do-not-import';

type ProcedureDef = AnyProcedure['_def'] & { middlewares: Middleware[]; meta?: unknown };

interface CallOptions {
  ctx: Record<string, unknown>;
  input?: unknown;
  getRawInput: () => Promise<unknown>;
  path: string;
  type: 'mutation';
  signal: AbortSignal | undefined;
  batchIndex: number;
}

interface NextOptions {
  ctx?: Record<string, unknown>;
  input?: unknown;
  getRawInput?: () => Promise<unknown>;
}

type MiddlewareResult = { ok: true; data: unknown; marker: string } | { ok: false; error: unknown; marker: string };
type Middleware = (opts: CallOptions & { meta: unknown; next(opts?: NextOptions): Promise<MiddlewareResult> }) => Promise<MiddlewareResult>;

async function callRecursive(index: number, def: ProcedureDef, opts: CallOptions): Promise<MiddlewareResult> {
  try {
    const middleware = def.middlewares[index] as Middleware;
    return await middleware({
      ...opts,
      meta: def.meta,
      input: opts.input,
      next(nextOpts?: NextOptions) {
        return callRecursive(index + 1, def, {
          ...opts,
          ctx: nextOpts?.ctx ? { ...opts.ctx, ...nextOpts.ctx } : opts.ctx,
          input: nextOpts && 'input' in nextOpts ? nextOpts.input : opts.input,
          getRawInput: nextOpts?.getRawInput ?? opts.getRawInput,
        });
      },
    });
  } catch (cause) {
    return { ok: false, error: getTRPCErrorFromUnknown(cause), marker: middlewareMarker };
  }
}

/** What calling the procedure itself returns, or throws the same TRPCError it would throw. */
export async function runMiddlewareChain(procedure: AnyProcedure, opts: CallOptions): Promise<unknown> {
  const result = await callRecursive(0, procedure._def as ProcedureDef, opts);
  if (!result)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'No result from middlewares - did you forget to `return next()`?' });
  if (!result.ok) throw result.error;
  return result.data;
}
