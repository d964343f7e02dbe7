import type { AnyConnector } from '@patchbay/sdk';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { actionProcedures } from './routers/actions.ts';
import { apiKeysRouter } from './routers/api-keys.ts';
import { auditRouter } from './routers/audit.ts';
import { authRouter } from './routers/auth.ts';
import { connectSessionsRouter } from './routers/connect-sessions.ts';
import { connectionsRouter } from './routers/connections.ts';
import { connectorsRouter } from './routers/connectors.ts';
import { eventsRouter } from './routers/events.ts';
import { oauthAppsRouter } from './routers/oauth-apps.ts';
import { orgsRouter } from './routers/orgs.ts';
import { runsRouter } from './routers/runs.ts';
import { systemRouter } from './routers/system.ts';
import { triggersRouter } from './routers/triggers.ts';
import { webhooksRouter } from './routers/webhooks.ts';
import { router } from './trpc.ts';

/**
 * The app router for a set of installed connectors. Its type carries every action's input and
 * output: export `AppRouterFor<typeof config.connectors>` to clients.
 */
export function createAppRouter<const Cs extends readonly AnyConnector[]>(connectors: Cs) {
  return router({
    system: systemRouter,
    auth: authRouter,
    orgs: orgsRouter,
    apiKeys: apiKeysRouter,
    connectors: connectorsRouter,
    oauthApps: oauthAppsRouter,
    connectSessions: connectSessionsRouter,
    connections: connectionsRouter,
    runs: runsRouter,
    webhooks: webhooksRouter,
    triggers: triggersRouter,
    events: eventsRouter,
    audit: auditRouter,
    actions: router(actionProcedures(connectors)),
  });
}

export type AppRouterFor<Cs extends readonly AnyConnector[]> = ReturnType<typeof createAppRouter<Cs>>;

/** The router without connectors: every procedure but `actions.*`. */
export const appRouter = createAppRouter([]);
export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
