import { type Dispatcher, request as undiciRequest } from 'undici';
import type { RequestAuthTarget } from '../auth/descriptors.ts';
import { startDeadline } from '../deadline.ts';
import type { ConnectorDefinition } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { applyQuery, encodeBody } from './encode.ts';
import { idempotencyStamper } from './idempotency-header.ts';
import { networkError } from './network-error.ts';
import { validateResponse } from './response-schema.ts';
import { isRetryable, type RetrySettings, withRetries } from './retry.ts';
import { errorForStatus } from './status-errors.ts';
import { isStreamBody, notReplayable, type OnceBody, onceBody } from './streamed-body.ts';
import type { AttemptReport, HttpClient, HttpRequest, HttpResponse, PageOptions, RequestOptions, ResponseOf } from './types.ts';

export interface HttpClientOptions {
  baseUrls: readonly string[];
  applyAuth?: ((target: RequestAuthTarget) => void) | undefined;
  /** A 401 means "refresh": true for OAuth connections. */
  refreshable: boolean;
  /**
   * Refreshes the connection's credentials after an AUTH_EXPIRED and returns the new applier:
   * the failed request is then sent once more with them (earlier requests are not repeated).
   */
  refreshAuth?: (() => Promise<(target: RequestAuthTarget) => void>) | undefined;
  mapError?: ConnectorDefinition['mapError'];
  dispatcher?: Dispatcher | undefined;
  signal: AbortSignal;
  retry: RetrySettings;
  /** The whole action may be repeated safely (`defineAction({ idempotent: true })`). */
  idempotentAction?: boolean;
  /** The header that carries the run's idempotency key on changing requests (`Idempotency-Key`). */
  idempotencyHeader?: string | undefined;
  /** The run's idempotency key, for that header. */
  idempotencyKey?: string | undefined;
  onAttempt?: ((report: AttemptReport) => void) | undefined;
  defaultTimeoutMs?: number;
}

const MAX_REDIRECTS = 5;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

function resolveUrl(path: string, baseUrls: readonly string[]): URL {
  if (/^https?:\/\//i.test(path)) return new URL(path);
  const base = baseUrls[0] ?? '';
  return new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers))
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new ConnectorError('UPSTREAM_CONTRACT', 'The provider sent malformed JSON');
    }
  }
  return text;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const allowed = new Set(options.baseUrls.map((u) => new URL(u).origin));
  const assertAllowed = (url: URL) => {
    if (!allowed.has(url.origin))
      throw new ConnectorError('HOST_NOT_ALLOWED', `Requests to ${url.origin} are not allowed for this connector`);
  };
  let attemptNo = 0;
  let applyAuth = options.applyAuth;
  // One refresh per action run, as before: a token that fails again right after is not expired.
  let refreshed = false;

  async function once(request: HttpRequest, first: URL, stream: OnceBody | undefined): Promise<HttpResponse> {
    const attempt = ++attemptNo;
    const startedAt = new Date();
    let url = first;
    let method = request.method ?? 'GET';
    let status: number | undefined;
    const timeoutMs = request.timeoutMs ?? options.defaultTimeoutMs ?? 15_000;
    // Unref'd, as AbortSignal.timeout's timer was: a pending attempt alone does not hold the process.
    const deadline = startDeadline(timeoutMs, options.signal, {
      reason: () => new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      unref: true,
    });
    const signal = deadline.signal;
    const report = (outcome: AttemptReport['outcome'], errorCode: string | undefined) =>
      options.onAttempt?.({ attempt, method, url: url.origin + url.pathname, startedAt, endedAt: new Date(), status, outcome, errorCode });
    try {
      for (let hop = 0; ; hop++) {
        const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'patchbay-connector', ...request.headers };
        const target: RequestAuthTarget = { headers, query: url.searchParams };
        applyAuth?.(target);
        const sendsBody = method !== 'GET' && method !== 'HEAD';
        if (sendsBody && request.contentLength !== undefined) headers['content-length'] = String(request.contentLength);
        // Only a 307/308 redirect gets here with the stream read: its bytes went to the first hop.
        if (sendsBody && stream?.consumed())
          throw notReplayable(new ConnectorError('UPSTREAM', `The provider redirected (${status})`, { status }));
        const body = sendsBody ? (stream?.body() ?? (await encodeBody(request, headers))) : undefined;
        const res = await undiciRequest(url, {
          method,
          headers,
          body,
          signal,
          // undici's own 300 s limits would otherwise cut a longer attempt short (a large chunk).
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        });
        status = res.statusCode;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && typeof location === 'string' && request.redirect !== 'manual') {
          await res.body.dump();
          if (hop >= MAX_REDIRECTS) throw new ConnectorError('UPSTREAM', 'Too many redirects', { status });
          url = new URL(location, url);
          assertAllowed(url);
          if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) method = 'GET';
          continue;
        }
        const responseHeaders = flattenHeaders(res.headers);
        const data = parseBody(await res.body.text(), responseHeaders['content-type']);
        const mapped = options.mapError?.({ status, headers: responseHeaders, body: data });
        if (mapped) throw mapped;
        if (status >= 400) throw errorForStatus(status, responseHeaders, data, options.refreshable);
        const validated = request.schema ? validateResponse(request.schema, data, status) : data;
        report('ok', undefined);
        return { status, headers: responseHeaders, data: validated };
      }
    } catch (error) {
      const failure = networkError(error, options.signal, signal);
      report('error', failure.code);
      throw failure;
    } finally {
      deadline.end();
    }
  }

  const stamp = idempotencyStamper(options.idempotencyHeader, options.idempotencyKey);

  async function send<T>(unstamped: HttpRequest): Promise<HttpResponse<T>> {
    const req = stamp(unstamped);
    const url = resolveUrl(req.path, options.baseUrls);
    applyQuery(url, req.query);
    assertAllowed(url);
    const repeatable = req.idempotent ?? (options.idempotentAction || SAFE_METHODS.has(req.method ?? 'GET'));
    // A stream is read once for the whole send: every retry below must see it unread.
    const stream = isStreamBody(req.body) ? onceBody(req.body) : undefined;
    const unread = () => !stream?.consumed();
    const attempt = async () => {
      try {
        return await withRetries(() => once(req, new URL(url), stream), options.retry, repeatable, options.signal, unread);
      } catch (error) {
        // It would have been sent again, but its bytes are gone: say so instead of the bare failure.
        const wouldRetry = options.retry.attempts > 1 && isRetryable(error, repeatable, options.retry);
        throw wouldRetry && !unread() ? notReplayable(error as ConnectorError) : error;
      }
    };
    try {
      return (await attempt()) as HttpResponse<T>;
    } catch (error) {
      // A 401 means the provider refused before acting, so this one request is safe to resend.
      if (!(error instanceof ConnectorError && error.code === 'AUTH_EXPIRED' && options.refreshAuth) || refreshed) throw error;
      if (!unread()) throw notReplayable(error);
      refreshed = true;
      applyAuth = await options.refreshAuth();
      return (await attempt()) as HttpResponse<T>;
    }
  }

  const shortcut =
    (method: HttpRequest['method']) =>
    <T, O extends RequestOptions>(path: string, rest?: O) =>
      send<ResponseOf<T, O>>({ ...rest, path, method });

  return {
    request: <T, R extends HttpRequest>(req: R) => send<ResponseOf<T, R>>(req),
    get: shortcut('GET'),
    post: shortcut('POST'),
    put: shortcut('PUT'),
    patch: shortcut('PATCH'),
    delete: shortcut('DELETE'),
    async *paginate<Q extends HttpRequest, T>(first: Q, pages: PageOptions<T, ResponseOf<unknown, Q>>): AsyncGenerator<T> {
      let next: HttpRequest | undefined = first;
      for (let page = 0; next && page < (pages.maxPages ?? 100); page++) {
        // Later pages are validated by the first page's schema unless `next` names another: the page type says so.
        const current: HttpRequest = 'schema' in next ? next : { ...next, schema: first.schema };
        const response = await send<ResponseOf<unknown, Q>>(current);
        yield* pages.items(response);
        next = pages.next(response, current);
      }
    },
  };
}
