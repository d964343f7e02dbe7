/**
 * @module One raw request as a connection, for the engine's passthrough proxy: the connector's
 * auth, base-URL allow-list, retry rules (a POST is retried only when the provider cannot have
 * acted or it carries the connector's idempotency header), error mapping and refresh on 401,
 * exactly as an action's `ctx.http` would send it.
 */
import type { AnyConnector } from './define.ts';
import type { HttpRequest, HttpResponse } from './http/types.ts';
import { secretValues } from './redact.ts';
import { buildContext, guarded, type RunActionOptions } from './run-action.ts';

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * @example
 * const res = await runRequest(github, { method: 'GET', path: '/user' }, { credentials: { accessToken } });
 */
export function runRequest(connector: AnyConnector, request: HttpRequest, options: Omit<RunActionOptions, 'input'>): Promise<HttpResponse> {
  return guarded(REQUEST_TIMEOUT_MS, options.signal, secretValues(options.credentials), (signal) =>
    buildContext(connector, { ...options, input: undefined }, {}, signal).http.request(request),
  );
}
