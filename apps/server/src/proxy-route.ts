/**
 * @module `/proxy/:connectionId/*`: a passthrough to a connection's provider for calls no action
 * models, for API keys holding the `proxy` scope (sessions cannot use it: a browser must not be
 * able to reach a provider with a tenant's credentials through a cookie). The path after the
 * connection id, and the query, go to the connector's first base URL; the provider's status,
 * content type and body come back. Failures use the API's error codes, as JSON. The run record
 * keeps method, path and status; `X-Patchbay-Record-Bodies: true` asks it to keep the bodies too.
 */
import { toFailureError } from '@patchbay/api';
import { authenticateApiKey, scopeAllows } from '@patchbay/auth';
import { type Database, isUuid } from '@patchbay/db';
import { ActionFailed, type Engine, type ProxyRequest } from '@patchbay/engine';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { declaredBodyLimit } from './body-limit.ts';
import type { RequestVariables } from './request-id.ts';

/** Headers never passed to the provider: ours, hop-by-hop ones, and what the connection's auth sets. */
const DROPPED = new Set([
  'authorization',
  'cookie',
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'te',
  'upgrade',
  'accept-encoding',
  'origin',
  'referer',
  'x-request-id',
]);
const DROPPED_PREFIXES = ['x-patchbay-', 'x-forwarded-', 'proxy-', 'forwarded', 'sec-'];

function forwardedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    const key = name.toLowerCase();
    if (!DROPPED.has(key) && !DROPPED_PREFIXES.some((prefix) => key.startsWith(prefix))) out[key] = value;
  });
  return out;
}

const problem = (code: string, message: string, extra: Record<string, unknown> = {}) => ({ error: { code, message, ...extra } });

export function proxyRoutes(db: Kysely<Database>, engine: Engine, options: { maxBodyBytes: number }) {
  const app = new Hono<{ Variables: RequestVariables }>();
  app.on(
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    '/proxy/:connectionId/*',
    declaredBodyLimit({
      maxSize: options.maxBodyBytes,
      onError: (c) => c.json(problem('PAYLOAD_TOO_LARGE', 'Request body too large'), 413),
    }),
    async (c) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      const key = bearer ? await authenticateApiKey(db, bearer) : undefined;
      if (!key) return c.json(problem('UNAUTHORIZED', 'Send an API key with the proxy scope'), 401);
      if (!scopeAllows(key.scopes, 'proxy')) return c.json(problem('FORBIDDEN', 'This API key lacks the proxy scope'), 403);
      const connectionId = c.req.param('connectionId');
      if (!isUuid(connectionId)) return c.json(problem('NOT_FOUND', 'Connection not found'), 404);
      // The raw (still percent-encoded) path, so an encoded `..` is seen and refused, not decoded away.
      const url = new URL(c.req.url);
      const path = url.pathname.slice(`/proxy/${connectionId}`.length) || '/';
      const method = c.req.method as ProxyRequest['method'];
      const body = method === 'GET' || method === 'DELETE' ? undefined : new Uint8Array(await c.req.arrayBuffer());
      try {
        const result = await engine.proxy({
          tenantId: key.tenantId,
          connectionId,
          method,
          path,
          search: url.search,
          headers: forwardedHeaders(c.req.raw.headers),
          ...(body && body.length > 0 ? { body } : {}),
          actor: `api_key:${key.keyId}`,
          recordBodies: /^(true|1)$/i.test(c.req.header('x-patchbay-record-bodies') ?? ''),
        });
        // ActionFailed carries the run id into the error's details, as for a failed action.
        if (!result.ok) throw new ActionFailed(result.error, result.runId);
        c.header('patchbay-run-id', result.runId);
        const contentType = result.headers['content-type'];
        if (result.data === undefined) return c.body(null, result.status as 200);
        const text = typeof result.data === 'string' ? result.data : JSON.stringify(result.data);
        return c.body(text, result.status as 200, { 'content-type': contentType ?? 'application/octet-stream' });
      } catch (error) {
        const mapped = toFailureError(error);
        if (!mapped) throw error;
        const status = getHTTPStatusCodeFromError(mapped);
        return c.json(problem(mapped.code, mapped.message, { data: mapped.details }), status as 400);
      }
    },
  );
  return app;
}
