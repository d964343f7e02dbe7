import type { Readable } from 'node:stream';
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number | boolean)[];
export type FormValue = string | number | boolean | null | undefined | readonly FormValue[] | { readonly [key: string]: FormValue };

export interface HttpRequest {
  method?: HttpMethod;
  /** A path resolved against the first base URL, or an absolute URL on one of the base URLs. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  /** `application/x-www-form-urlencoded` body; nested objects and arrays use brackets (`metadata[key]`, `items[0][price]`). */
  form?: Record<string, FormValue>;
  /** `multipart/form-data` body. */
  multipart?: FormData;
  /**
   * A raw body; set `content-type` yourself. Bytes and strings are sent as they are; a Blob, a
   * web `ReadableStream`, a Node `Readable` or an async iterable of bytes is streamed without
   * being buffered whole. A stream can be sent once: a request whose stream was (partly) read is
   * never sent again by a retry, a 401 refresh or a 307/308 redirect; it fails with
   * `UPLOAD_INCOMPLETE` when it would otherwise have been retried.
   */
  body?: RequestBody;
  /**
   * The body's length in bytes, sent as `content-length` (needed by most providers for a stream;
   * without it a stream goes out chunked). Bytes, strings and Blobs know their own length.
   */
  contentLength?: number;
  /** Validates a JSON response; a mismatch is UPSTREAM_CONTRACT with the failing path. */
  schema?: z.ZodType;
  /** Per attempt, body upload included (default 15 s); separate from the action's `timeoutMs`. */
  timeoutMs?: number;
  /**
   * `manual` returns a 3xx answer as it is instead of following its `Location` (the resumable
   * upload protocol's `308 Resume Incomplete` is not a redirect). Default `follow`.
   */
  redirect?: 'follow' | 'manual';
  /** Safe to repeat: 500s and read timeouts are retried too (GET, HEAD, PUT and DELETE are by default). */
  idempotent?: boolean;
}

/** What `body` may be: bytes, or a stream read once. */
export type RequestBody = string | Uint8Array | Blob | ReadableStream<Uint8Array> | Readable | AsyncIterable<Uint8Array>;

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

export interface PageOptions<T, R> {
  /**
   * The request for the page after `response`, or undefined when it was the last. It keeps the
   * first request's `schema` unless it names its own, so every page is validated alike.
   */
  next: (response: HttpResponse<R>, request: HttpRequest) => HttpRequest | undefined;
  items: (response: HttpResponse<R>) => readonly T[];
  /** Stops after this many pages (default 100). */
  maxPages?: number;
}

export type RequestOptions = Omit<HttpRequest, 'path' | 'method'>;

/** The response data type: the schema's output when one is given, else `T`. */
export type ResponseOf<T, O> = O extends { schema: infer S extends z.ZodType } ? z.output<S> : T;

export interface HttpClient {
  request<T = unknown, R extends HttpRequest = HttpRequest>(request: R): Promise<HttpResponse<ResponseOf<T, R>>>;
  get<T = unknown, O extends RequestOptions = RequestOptions>(path: string, options?: O): Promise<HttpResponse<ResponseOf<T, O>>>;
  post<T = unknown, O extends RequestOptions = RequestOptions>(path: string, options?: O): Promise<HttpResponse<ResponseOf<T, O>>>;
  put<T = unknown, O extends RequestOptions = RequestOptions>(path: string, options?: O): Promise<HttpResponse<ResponseOf<T, O>>>;
  patch<T = unknown, O extends RequestOptions = RequestOptions>(path: string, options?: O): Promise<HttpResponse<ResponseOf<T, O>>>;
  delete<T = unknown, O extends RequestOptions = RequestOptions>(path: string, options?: O): Promise<HttpResponse<ResponseOf<T, O>>>;
  /**
   * Walks pages, yielding items, following `next` until it returns undefined. The page type comes
   * from the first request's `schema` and the item type from what `items` returns.
   */
  paginate<Q extends HttpRequest, T>(first: Q, options: PageOptions<T, ResponseOf<unknown, Q>>): AsyncGenerator<T>;
}

/** One try at the provider, reported to whoever runs the action (the engine records them). */
export interface AttemptReport {
  attempt: number;
  method: string;
  url: string;
  startedAt: Date;
  endedAt: Date;
  status: number | undefined;
  outcome: 'ok' | 'error';
  errorCode: string | undefined;
}
