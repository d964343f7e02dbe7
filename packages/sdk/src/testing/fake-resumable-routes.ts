/**
 * @module Google's resumable protocol, faked: `POST …?uploadType=resumable` opens a session and
 * answers its URI in `Location`; `PUT <session>` with `Content-Range: bytes a-b/total` adds bytes
 * (`308` + `Range` until complete, then `200` with the resource); `Content-Range: bytes *\/total`
 * asks where the session stands.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerJson, type FakeState, type FakeUpload, readAll } from './fake-upload-server.ts';

const held = (upload: FakeUpload) => upload.parts.reduce((sum, part) => sum + part.byteLength, 0);

function standing(res: ServerResponse, upload: FakeUpload): void {
  if (upload.complete) {
    answerJson(res, 200, { id: upload.id, kind: 'fake#upload', size: upload.total });
    return;
  }
  const bytes = held(upload);
  res.writeHead(308, bytes > 0 ? { range: `bytes=0-${bytes - 1}` } : {});
  res.end();
}

/** Reads until half of `expected` bytes came, keeps them, then cuts the connection mid-request. */
function dropHalfway(req: IncomingMessage, expected: number, keep: (bytes: Buffer) => void): Promise<void> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let got = 0;
    const half = Math.max(1, Math.floor(expected / 2));
    req.on('data', (chunk: Buffer) => {
      if (got >= half) return;
      parts.push(chunk);
      got += chunk.byteLength;
      if (got >= half) {
        keep(Buffer.concat(parts).subarray(0, half));
        req.socket.destroy();
        resolve();
      }
    });
    req.on('close', () => resolve());
  });
}

async function open(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const total = Number(req.headers['x-upload-content-length']);
  const raw = await readAll(req);
  if (!Number.isSafeInteger(total)) return answerJson(res, 400, { error: { code: 400, message: 'X-Upload-Content-Length required' } });
  const id = randomUUID();
  state.uploads.set(id, {
    id,
    total,
    contentType: String(req.headers['x-upload-content-type'] ?? ''),
    parts: [],
    received: [],
    statusQueries: 0,
    metadata: raw.byteLength ? JSON.parse(raw.toString('utf8')) : undefined,
    complete: false,
  });
  res.writeHead(200, { location: `${state.options.sessionOrigin ?? state.origin}/upload/resumable?upload_id=${id}` });
  res.end();
}

async function put(state: FakeState, req: IncomingMessage, res: ServerResponse, upload: FakeUpload): Promise<void> {
  const range = String(req.headers['content-range'] ?? '');
  if (/^bytes \*\/\d+$/.test(range)) {
    await readAll(req);
    upload.statusQueries += 1;
    return standing(res, upload);
  }
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
  if (!match) return answerJson(res, 400, { error: { code: 400, message: 'Content-Range required' } });
  const start = Number(match[1]);
  const length = Number(match[2]) - start + 1;
  const heldBefore = held(upload);
  const fault = state.nextFault();
  const part = { start, kept: 0, heldBefore, fault };
  upload.received.push(part);
  // Bytes past what the session holds are refused; bytes it already holds are not kept twice.
  const keep = (bytes: Buffer) => {
    if (start > heldBefore) return;
    const fresh = bytes.subarray(heldBefore - start);
    upload.parts.push(fresh);
    part.kept = fresh.byteLength;
  };
  if (fault === 'drop') return dropHalfway(req, length, keep);
  const bytes = await readAll(req);
  if (fault === 503) return answerJson(res, 503, { error: { code: 503, message: 'Backend Error' } });
  keep(bytes);
  if (held(upload) >= upload.total) upload.complete = true;
  if (fault === 'stall') return;
  return standing(res, upload);
}

/** Handles the request when it belongs to the resumable protocol; undefined otherwise. */
export function handleResumable(state: FakeState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | undefined {
  if (req.method === 'POST' && url.searchParams.get('uploadType') === 'resumable') return open(state, req, res);
  if (url.pathname !== '/upload/resumable') return undefined;
  const upload = state.uploads.get(url.searchParams.get('upload_id') ?? '');
  if (!upload || req.method !== 'PUT') {
    answerJson(res, 404, { error: { code: 404, message: 'No such upload session' } });
    return Promise.resolve();
  }
  return put(state, req, res, upload);
}
