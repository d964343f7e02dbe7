import { type AppRouter, appRouter } from '@patchbay/api';
import type { AccountServices } from '@patchbay/auth';
import type { Database } from '@patchbay/db';
import type { Engine } from '@patchbay/engine';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { actionCallRoute } from './action-call-route.ts';
import { declaredBodyLimit } from './body-limit.ts';
import type { TrustedProxies } from './client-address.ts';
import { accountChoiceRoutes } from './connect/account-choice-routes.ts';
import { corsForOrigins } from './cors.ts';
import { csrfGuard } from './csrf.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { healthRoutes } from './health.ts';
import { type HookCounters, hookRoutes } from './hooks-route.ts';
import type { Logger } from './logger.ts';
import { nodeActionCalls } from './node-action-call.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { proxyRoutes } from './proxy-route.ts';
import { type RequestVariables, requestId } from './request-id.ts';
import { mcpRoutes } from './surfaces/mcp-route.ts';
import { openApiRoutes } from './surfaces/openapi-route.ts';
import { restRoutes } from './surfaces/rest-routes.ts';
import { trpcHandler } from './trpc-route.ts';
import { unhandledAnswer } from './unhandled-answer.ts';
import { PATCHBAY_VERSION } from './version.ts';

/** Largest request body accepted, chunked or not. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppDependencies {
  db: Kysely<Database>;
  logger: Logger;
  /** The public base URL: its origin is ours for CSRF checks, https makes cookies Secure. */
  publicUrl?: string | undefined;
  engine: Engine;
  /** The router built for the installed connectors (`createAppRouter(config.connectors)`). */
  router?: AppRouter;
  /** Origins whose pages may call `/trpc` with credentials (`PATCHBAY_CORS_ORIGINS`). */
  corsOrigins?: readonly string[];
  /** Proxies whose `X-Forwarded-For` names the client (`PATCHBAY_TRUSTED_PROXIES`); none by default. */
  trustedProxies?: TrustedProxies;
  /** Mailer, link base and sign-up policy for the account procedures. */
  accounts: AccountServices;
  /** Largest body `POST /hooks/:id` accepts (PATCHBAY_HOOK_MAX_BODY_BYTES, default 1 MiB). */
  hookMaxBodyBytes?: number | undefined;
  /** Where refused hook requests are counted (tests read it). */
  hookCounters?: HookCounters | undefined;
  /** A built dashboard (apps/dashboard/dist) to serve at `/`; none when unset. */
  dashboardDir?: string | undefined;
}

export function createApp({
  db,
  logger,
  publicUrl,
  engine,
  router = appRouter,
  corsOrigins = [],
  trustedProxies,
  accounts,
  hookMaxBodyBytes,
  hookCounters,
  dashboardDir,
}: AppDependencies) {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  const app = new Hono<{ Variables: RequestVariables }>();
  app.use(requestId(logger));
  app.route('/', healthRoutes(db));
  app.use('/trpc/*', corsForOrigins(corsOrigins));
  const tooLarge = declaredBodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: { message: 'Request body too large', code: 'PAYLOAD_TOO_LARGE' } }, 413),
  });
  app.use('/trpc/*', tooLarge);
  app.use('/trpc/*', csrfGuard(publicOrigin, corsOrigins));
  const procedures = {
    db,
    engine,
    router,
    accounts,
    version: PATCHBAY_VERSION,
    secureCookies: publicOrigin?.startsWith('https:') ?? false,
    trustedProxies,
  };
  // A lone action call skips tRPC's fetch adapter; everything else (and anything unusual) goes to tRPC's handler.
  app.post('/trpc/:path', actionCallRoute(procedures));
  app.all('/trpc/*', trpcHandler(procedures));
  // REST and MCP take API keys only (no cookies), so CSRF cannot ride on them.
  // The documented envelope (error.httpStatus included), as every other /v1 failure.
  app.use(
    '/v1/*',
    declaredBodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: { message: 'Request body too large', code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } }, 413),
    }),
  );
  app.use('/mcp', tooLarge);
  app.route('/', restRoutes(procedures));
  app.route('/', mcpRoutes(procedures));
  app.route('/', openApiRoutes(engine.registry.list(), publicUrl));
  app.route('/', oauthRoutes(db, engine));
  app.route('/', accountChoiceRoutes(db, engine));
  app.route('/', hookRoutes(engine, { maxBodyBytes: hookMaxBodyBytes, counters: hookCounters }));
  app.route('/', proxyRoutes(db, engine, { maxBodyBytes: MAX_BODY_BYTES }));
  // Last: its fallback only takes GETs for HTML that no route above answered.
  if (dashboardDir) app.route('/', dashboardRoutes(dashboardDir));
  app.notFound((c) => c.json({ error: { message: 'Not found', code: 'NOT_FOUND' } }, 404));
  app.onError((error, c) => {
    const answer = unhandledAnswer(error, c.get('requestId'));
    c.get('log')[answer.level]({ err: error }, answer.logMessage);
    return c.json(answer.body, answer.status);
  });
  // API-key action calls, answered in front of Hono when served by listen.ts (`serve(app.fetch, app.nodeFront)`).
  const nodeFront = nodeActionCalls({
    ...procedures,
    logger,
    corsOrigins,
    maxBodyBytes: MAX_BODY_BYTES,
    fetch: (request, env) => app.fetch(request, env),
  });
  return Object.assign(app, { nodeFront });
}
