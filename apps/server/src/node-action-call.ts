/**
 * @module API-key action calls answered in front of Hono, on node:http's own request and
 * response. Behind Hono a call also pays for its middleware chain (four promise hops), the
 * lightweight web Request and the Response that @hono/node-server turns back into a Node
 * answer; a throwaway build without the middleware alone spent 7% less server CPU per call
 * (docs/perf/s3-profile-after.md). This layer does what that middleware does for the requests it
 * takes, and leaves every other request to Hono untouched:
 * - request id: the caller's `x-request-id` when sane, a new UUID otherwise; echoed, bound to
 *   the failure log, and logged with the status at `info`, as request-id.ts does;
 * - CORS: `vary: Origin`, and the allow headers for an origin in `PATCHBAY_CORS_ORIGINS` (a
 *   preflight is an OPTIONS request, so Hono's);
 * - body limit: only a declared `Content-Length` within the limit is taken here (Node's parser
 *   holds the body to it); a streamed or larger body goes to Hono's limit;
 * - CSRF: only calls with an `Authorization` header are taken, and those carry no ambient
 *   credential (csrf.ts lets them through too); session-cookie calls go through Hono's guard;
 * - Host: only a host @hono/node-server accepts without a second look.
 * What a taken call answers is action-call.ts's: the same as tRPC's own handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppRouter } from '@patchbay/api';
import { type ActionCallTarget, actionCallTarget, actionProcedures, answerActionCall, rawInput } from './action-call.ts';
import { corsGrant } from './cors.ts';
import type { Logger } from './logger.ts';
import { logRequestLine, requestIdFrom } from './request-id.ts';
import { contextFromFacts, logProcedureFailure, type TrpcRouteOptions } from './trpc-route.ts';
import { unhandledAnswer } from './unhandled-answer.ts';

/** Answers a request in front of Hono; false leaves it to Hono (nothing read, nothing written). */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface NodeActionCallOptions extends TrpcRouteOptions {
  router: AppRouter;
  logger: Logger;
  corsOrigins: readonly string[];
  maxBodyBytes: number;
  /** The app, for a body only tRPC's handler can answer (not JSON): handed on in a request of its own. */
  fetch: (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => Response | Promise<Response>;
}

// @hono/node-server's own fast test for a Host it takes as it is.
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
const utf8 = new TextDecoder();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
    req.once('error', reject);
  });
}

function headerOf(req: IncomingMessage) {
  return (name: string): string | undefined => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

export function nodeActionCalls(options: NodeActionCallOptions): FrontHandler {
  const actions = actionProcedures(options.router);
  const { logger, corsOrigins, maxBodyBytes } = options;

  function eligible(req: IncomingMessage): ActionCallTarget | undefined {
    const { headers, url } = req;
    // An empty Authorization counts as none, as in csrf.ts.
    if (req.method !== 'POST' || !headers.authorization || headers['transfer-encoding'] !== undefined) return undefined;
    // Only what Hono would route to /trpc/:path (an absolute-form target is Hono's too).
    if (url === undefined || !url.startsWith('/trpc/')) return undefined;
    const length = headers['content-length'];
    if (length === undefined || !(Number.parseInt(length, 10) <= maxBodyBytes)) return undefined;
    if (headers.host === undefined || !PLAIN_HOST.test(headers.host)) return undefined;
    return actionCallTarget(actions, url, headerOf(req));
  }

  async function answer(req: IncomingMessage, res: ServerResponse, target: ActionCallTarget): Promise<void> {
    const started = performance.now();
    const header = headerOf(req);
    const requestId = requestIdFrom(header('x-request-id'));
    const extra = corsGrant(header('origin'), corsOrigins);
    extra.push(['x-request-id', requestId]);
    const send = (status: number, headers: [string, string][], body: string) => {
      // cors.ts appends Origin to whatever vary the answer has.
      const flat: string[] = [];
      let varied = false;
      for (const [name, value] of headers) {
        const isVary = name === 'vary';
        varied ||= isVary;
        flat.push(name, isVary ? `${value}, Origin` : value);
      }
      if (!varied) flat.push('vary', 'Origin');
      for (const [name, value] of extra) flat.push(name, value);
      flat.push('content-length', String(Buffer.byteLength(body)));
      res.writeHead(status, flat);
      res.end(body);
      if (logger.isLevelEnabled('info'))
        logRequestLine(logger.child({ requestId }), { method: 'POST', path: req.url?.split('?', 1)[0] ?? '', status, started });
    };
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort('Client connection prematurely closed.');
    });
    try {
      const body = await readBody(req);
      const parsed = rawInput(body, target.batch);
      if (parsed === 'fallback') {
        // tRPC's handler answers a body that is not JSON; Hono's whole path takes it from here.
        const request = new Request(`http://${header('host')}${req.url}`, { method: 'POST', headers: headersOf(req), body });
        const response = await options.fetch(request, { incoming: req, outgoing: res });
        const text = await response.text();
        const flat: string[] = [];
        for (const [name, value] of response.headers) if (name !== 'content-length') flat.push(name, value);
        flat.push('content-length', String(Buffer.byteLength(text)));
        res.writeHead(response.status, flat);
        res.end(text);
        return;
      }
      const resHeaders = new Headers();
      const facts = { requestId, header, peerAddress: () => req.socket.remoteAddress };
      const answered = await answerActionCall(actions, target, parsed.input, {
        ctx: contextFromFacts(facts, options, resHeaders),
        resHeaders,
        signal: abort.signal,
        onFailure: (error) => logProcedureFailure(logger.child({ requestId }), error, target.path),
      });
      send(answered.status, answered.headers, answered.body);
    } catch (error) {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      const failure = unhandledAnswer(error, requestId);
      logger.child({ requestId })[failure.level]({ err: error }, failure.logMessage);
      send(failure.status, [['content-type', 'application/json']], JSON.stringify(failure.body));
    }
  }

  return (req, res) => {
    const target = eligible(req);
    if (!target) return false;
    void answer(req, res, target);
    return true;
  };
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}
