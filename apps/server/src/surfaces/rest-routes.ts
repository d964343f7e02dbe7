/**
 * @module The REST surface under `/v1`, for callers that generate a client from `/openapi.json`:
 * each route is one tRPC procedure called in-process (procedure-caller.ts), with an API key as
 * `Authorization: Bearer`. Runs it starts are recorded with channel `rest`.
 */
import type { AppRouter } from '@patchbay/api';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequestVariables } from '../request-id.ts';
import type { TrpcRouteOptions } from '../trpc-route.ts';
import { type ErrorEnvelope, errorEnvelope, procedureCaller } from './procedure-caller.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

/** Query parameters of `GET /v1/runs` that are numbers; the rest are strings. */
const NUMERIC_QUERY = new Set(['limit']);

function queryInput(c: Ctx, names: readonly string[]): Record<string, string | number> {
  const input: Record<string, string | number> = {};
  for (const name of names) {
    const value = c.req.query(name);
    if (value === undefined) continue;
    // A non-numeric limit stays a string, and the procedure's schema refuses it with its path.
    input[name] = NUMERIC_QUERY.has(name) && /^\d+$/.test(value) ? Number(value) : value;
  }
  return input;
}

function fail(c: Ctx, status: number, body: ErrorEnvelope) {
  // The envelope's own status (tRPC's mapping of its code): always one that carries a body.
  const retryAfterMs = body.error.retryAfterMs;
  if (status === 429 && retryAfterMs !== undefined) c.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
  return c.json(body, status as ContentfulStatusCode);
}

export function restRoutes(options: TrpcRouteOptions & { router: AppRouter }) {
  const app = new Hono<{ Variables: RequestVariables }>();
  const run = async (c: Ctx, path: string, input: unknown, shape: (output: unknown) => unknown = (o) => o) => {
    try {
      const output = await procedureCaller(c, options, 'rest').at(path)(input);
      return c.json(shape(output) as object, 200);
    } catch (error) {
      const { status, body } = errorEnvelope(error, path, c.get('requestId'));
      return fail(c, status, body);
    }
  };

  app.post('/v1/actions/:connectorId/:action', async (c) => {
    const { connectorId, action } = c.req.param();
    const connector = options.engine.registry.get(connectorId);
    const path = `actions.${connectorId}.${action}`;
    if (!connector || !Object.hasOwn(connector.actions, action)) {
      const message = `No installed action ${connectorId}.${action}`;
      const data = { code: 'NOT_FOUND', httpStatus: 404, path, requestId: c.get('requestId'), reason: 'CONNECTOR_NOT_INSTALLED' } as const;
      return fail(c, 404, { error: { message, ...data } });
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      const data = { code: 'PARSE_ERROR', httpStatus: 400, path, requestId: c.get('requestId') } as const;
      return fail(c, 400, { error: { message: 'The request body is not valid JSON', ...data } });
    }
    return run(c, path, body);
  });

  app.get('/v1/runs', (c) =>
    run(c, 'runs.list', queryInput(c, ['connectionId', 'connectorId', 'action', 'status', 'from', 'to', 'cursor', 'limit'])),
  );
  app.get('/v1/runs/:id', (c) => run(c, 'runs.get', { id: c.req.param('id') }));
  app.get('/v1/connections', (c) =>
    run(c, 'connections.list', queryInput(c, ['connectorId', 'status', 'endUserId', 'search', 'cursor', 'limit'])),
  );
  app.get('/v1/triggers', (c) => run(c, 'triggers.list', queryInput(c, ['connectionId']), (subscriptions) => ({ subscriptions })));
  return app;
}
