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
  /** A raw body; set `content-type` yourself. */
  body?: string | Uint8Array;
  /** Validates a JSON response; a mismatch is UPSTREAM_CONTRACT with the failing path. */
  schema?: z.ZodType;
  /** Per attempt (default 15 s). */
  timeoutMs?: number;
  /** Safe to repeat: 500s and read timeouts are retried too (GET, HEAD, PUT and DELETE are by default). */
  idempotent?: boolean;
}

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
