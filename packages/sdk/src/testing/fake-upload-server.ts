/**
 * @module A local upload server for testing upload actions, on 127.0.0.1 over real HTTP: Google's
 * resumable protocol (see fake-resumable-routes.ts) and chunked INIT / APPEND / FINALIZE / STATUS
 * media uploads like X's (see fake-chunked-routes.ts). Faults are scripted per data request
 * (`drop` reads half the bytes, keeps them, then cuts the connection; `503` reads all, keeps none;
 * `stall` keeps all and never answers, so the client's request timeout fires),
 * and everything the server received is recorded, so a test can prove what was sent twice.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleChunked } from './fake-chunked-routes.ts';
import { handleResumable } from './fake-resumable-routes.ts';

export type UploadFault = 'drop' | 503 | 'stall';

/** One data request the server received (a resumable PUT, or an APPEND). */
export interface ReceivedPart {
  /** Resumable: the first byte its Content-Range named; chunked: the segment index. */
  start: number;
  /** Bytes the server kept from it. */
  kept: number;
  /** Resumable: bytes the session already held when it arrived (a resend if above `start`). */
  heldBefore: number;
  fault: UploadFault | undefined;
}

export interface FakeUpload {
  id: string;
  total: number;
  contentType: string;
  /** What the server holds, in order (resumable) or by segment (chunked). */
  parts: Buffer[];
  received: ReceivedPart[];
  /** Status queries (`Content-Range: bytes *\/total`, or STATUS polls). */
  statusQueries: number;
  /** Metadata the upload was opened with. */
  metadata: unknown;
  complete: boolean;
}

export interface FakeUploadServerOptions {
  /** Faults for the data requests, in order: the first data request gets the first entry. */
  faults?: (UploadFault | undefined)[];
  /** The origin session URIs point at (default: this server), to test where a client may follow one. */
  sessionOrigin?: string;
  /** STATUS polls that answer `in_progress` before `succeeded` (default 1). */
  pendingPolls?: number;
}

export interface FakeUploadServer {
  url: string;
  /** The faults still to come, in order; push to script more. */
  faults: (UploadFault | undefined)[];
  uploads: Map<string, FakeUpload>;
  /** Every upload's bytes joined, for a finished upload. */
  bytesOf(id: string): Buffer;
  /** Request headers seen, for checking what was (not) sent. */
  headers: Record<string, string | string[] | undefined>[];
  stop(): Promise<void>;
}

export interface FakeState {
  origin: string;
  options: FakeUploadServerOptions;
  uploads: Map<string, FakeUpload>;
  nextFault(): UploadFault | undefined;
}

/** Reads the whole request body. */
export function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

export function answerJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * @example
 * const uploads = await startFakeUploadServer({ faults: ['drop', 503] });
 * // connector baseUrls: [uploads.url]; after the action: uploads.bytesOf(id).equals(source)
 */
export async function startFakeUploadServer(options: FakeUploadServerOptions = {}): Promise<FakeUploadServer> {
  const faults = [...(options.faults ?? [])];
  const headers: FakeUploadServer['headers'] = [];
  const state: FakeState = { origin: '', options, uploads: new Map(), nextFault: () => faults.shift() };
  const server = createServer((req, res) => {
    headers.push(req.headers);
    const url = new URL(req.url ?? '/', state.origin);
    const handled = handleResumable(state, req, res, url) ?? handleChunked(state, req, res, url);
    if (!handled) answerJson(res, 404, { error: { code: 404, message: 'Not found' } });
    else handled.catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: state.origin,
    faults,
    uploads: state.uploads,
    headers,
    bytesOf: (id) => Buffer.concat(state.uploads.get(id)?.parts ?? []),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
