import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { FormValue, HttpRequest, QueryValue } from './types.ts';

function appendForm(params: URLSearchParams, key: string, value: FormValue): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) appendForm(params, `${key}[${i}]`, v);
  } else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) appendForm(params, `${key}[${k}]`, v as FormValue);
  else params.append(key, String(value));
}

/** Form encoding with bracket nesting, as Stripe and Rails-style APIs expect. */
export function encodeForm(form: Record<string, FormValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) appendForm(params, key, value);
  return params.toString();
}

export function applyQuery(url: URL, query: Record<string, QueryValue> | undefined): void {
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
    else url.searchParams.set(key, String(value));
  }
}

/**
 * The request body, setting `content-type` to match; multipart is serialized here, boundary
 * included. A Blob is streamed afresh on every attempt; a one-read stream is not handled here
 * (see streamed-body.ts).
 */
export async function encodeBody(
  request: HttpRequest,
  headers: Record<string, string>,
): Promise<string | Uint8Array | Readable | undefined> {
  if (request.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return JSON.stringify(request.json);
  }
  if (request.form) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return encodeForm(request.form);
  }
  if (request.multipart) {
    const encoded = new Response(request.multipart);
    headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
    return new Uint8Array(await encoded.arrayBuffer());
  }
  const raw = request.body;
  if (raw instanceof Blob) {
    headers['content-length'] ??= String(raw.size);
    if (raw.type) headers['content-type'] ??= raw.type;
    // Node's web-stream type, named: code that also type-checks with the DOM lib (the dashboard,
    // which imports the router's types) would otherwise see the DOM's ReadableStream here.
    return Readable.fromWeb(raw.stream() as NodeReadableStream<Uint8Array>);
  }
  return typeof raw === 'string' || raw instanceof Uint8Array ? raw : undefined;
}
