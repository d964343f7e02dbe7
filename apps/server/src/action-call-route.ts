/**
 * @module A lone action call behind Hono's middleware (action-call.ts has the why and the
 * how). Calls that node-action-call.ts does not take in front of Hono come here: session-cookie
 * calls, streamed bodies, and anything else it leaves. Here the body is read through Hono.
 * Anything this way does not take goes on to tRPC's own handler untouched.
 */
import type { AppRouter } from '@patchbay/api';
import type { Context, Next } from 'hono';
import { actionCallTarget, actionProcedures, answerActionCall, rawInput } from './action-call.ts';
import type { RequestVariables } from './request-id.ts';
import { handleTrpcRequest, logProcedureFailure, requestContext, type TrpcRouteOptions } from './trpc-route.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

export function actionCallRoute(options: TrpcRouteOptions & { router: AppRouter }) {
  const actions = actionProcedures(options.router);
  return async (c: Ctx, next: Next) => {
    const target = actionCallTarget(actions, c.req.url, (name) => c.req.header(name));
    if (!target) return next();
    const body = await c.req.text();
    const parsed = rawInput(body, target.batch);
    // The body is read: tRPC's handler gets it back in a request of its own.
    if (parsed === 'fallback')
      return handleTrpcRequest(c, options, new Request(c.req.url, { method: 'POST', headers: c.req.raw.headers, body }));
    const resHeaders = new Headers();
    const answer = await answerActionCall(actions, target, parsed.input, {
      ctx: requestContext(c, options, resHeaders),
      resHeaders,
      signal: c.req.raw.signal,
      onFailure: (error) => logProcedureFailure(c.get('log'), error, target.path),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
