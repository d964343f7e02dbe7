import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { answerClientErrors, errorBody } from './client-errors.ts';
import type { FrontHandler } from './node-action-call.ts';

export class ListenError extends Error {
  override readonly name = 'ListenError';
}

export interface Listening {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then drops the rest. */
  close(graceMs?: number): Promise<void>;
}

/** Serves a fetch handler on host:port; resolves once listening, rejects with a one-line reason. */
// The second argument carries the Node request and socket (`{ incoming, outgoing }`); it must be
// passed on, or `getConnInfo` cannot see the client's address and every client looks alike.
type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

/** `front` (read on every request, so it may be set later) answers what it takes before Hono sees it. */
export function listen(
  fetch: FetchHandler,
  host: string,
  port: number,
  front: () => FrontHandler | undefined = () => undefined,
): Promise<Listening> {
  // What @hono/node-server's createAdaptorServer builds, with the front handler ahead of Hono.
  const hono = getRequestListener(fetch, { hostname: host });
  const server = createServer((req, res) => {
    if (!front()?.(req, res)) void hono(req, res);
  });
  // Keep-alive sockets must not hold shutdown open for the client's idle timeout.
  server.keepAliveTimeout = 5_000;
  answerClientErrors(server);
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ListenError(`port ${port} on ${host} is already in use (set PORT to another port)`));
      else if (error.code === 'EACCES') reject(new ListenError(`no permission to listen on ${host}:${port}`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new ListenError(`cannot listen on ${host}: no such local address (check HOST)`));
      else reject(new ListenError(`cannot listen on ${host}:${port}: ${error.message}`));
    });
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      let closing: Promise<void> | undefined;
      resolve({
        server,
        port: actual,
        close(graceMs = 10_000) {
          closing ??= new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          });
          return closing;
        },
      });
    });
  });
}

/**
 * Listens before the handler exists, for apps that need their own address to be built (OAuth
 * redirect URIs default to it). Requests that arrive before `serve` get 503.
 */
export async function listenFirst(
  host: string,
  port: number,
): Promise<Listening & { serve(fetch: FetchHandler, front?: FrontHandler): void }> {
  let handler: FetchHandler | undefined;
  let frontHandler: FrontHandler | undefined;
  const listening = await listen(
    (request, env) =>
      handler
        ? handler(request, env)
        : new Response(errorBody('SERVICE_UNAVAILABLE', 'Starting; retry shortly'), {
            status: 503,
            headers: { 'content-type': 'application/json' },
          }),
    host,
    port,
    () => frontHandler,
  );
  return {
    ...listening,
    serve(fetch, front) {
      frontHandler = front;
      handler = fetch;
    },
  };
}
