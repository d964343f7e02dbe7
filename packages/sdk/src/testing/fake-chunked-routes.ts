/**
 * @module X's v2 chunked media upload, faked: `POST /2/media/upload/initialize` (JSON), then
 * `POST /2/media/upload/{id}/append` (multipart `segment_index`, `media`) per segment, `POST
 * /2/media/upload/{id}/finalize`, and `GET /2/media/upload?command=STATUS&media_id=` until
 * `processing_info.state` is `succeeded`. Sending a segment index again replaces that segment.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerJson, type FakeState, type FakeUpload, readAll } from './fake-upload-server.ts';

const stored = (upload: FakeUpload) => upload.parts.reduce((sum, part) => sum + (part?.byteLength ?? 0), 0);

async function initialize(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = JSON.parse((await readAll(req)).toString('utf8') || '{}') as { total_bytes?: number; media_type?: string };
  if (!Number.isSafeInteger(body.total_bytes)) return answerJson(res, 400, { errors: [{ message: 'total_bytes required' }] });
  const id = String(Date.now()) + String(Math.floor(Math.random() * 1e6));
  state.uploads.set(id, {
    id,
    total: body.total_bytes ?? 0,
    contentType: body.media_type ?? '',
    parts: [],
    received: [],
    statusQueries: 0,
    metadata: body,
    complete: false,
  });
  answerJson(res, 200, { data: { id, media_key: `7_${randomUUID()}`, expires_after_secs: 86_400 } });
}

async function append(state: FakeState, req: IncomingMessage, res: ServerResponse, upload: FakeUpload): Promise<void> {
  const fault = state.nextFault();
  const part = { start: -1, kept: 0, heldBefore: stored(upload), fault };
  upload.received.push(part);
  if (fault === 'drop') {
    req.once('data', () => req.socket.destroy());
    return;
  }
  const raw = await readAll(req);
  if (fault === 503) return answerJson(res, 503, { title: 'Service Unavailable', status: 503 });
  const form = await new Response(raw, { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
  const index = Number(form.get('segment_index'));
  const media = form.get('media');
  if (!Number.isSafeInteger(index) || !(media instanceof Blob))
    return answerJson(res, 400, { errors: [{ message: 'segment_index and media required' }] });
  const bytes = Buffer.from(await media.arrayBuffer());
  upload.parts[index] = bytes;
  part.start = index;
  part.kept = bytes.byteLength;
  if (fault === 'stall') return;
  answerJson(res, 200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } });
}

function finalize(res: ServerResponse, upload: FakeUpload): void {
  if (stored(upload) !== upload.total)
    answerJson(res, 400, { errors: [{ message: `Expected ${upload.total} bytes, got ${stored(upload)}` }] });
  else answerJson(res, 200, { data: { id: upload.id, size: upload.total, processing_info: { state: 'pending', check_after_secs: 0 } } });
}

function status(state: FakeState, res: ServerResponse, upload: FakeUpload): void {
  upload.statusQueries += 1;
  const done = upload.statusQueries > (state.options.pendingPolls ?? 1);
  upload.complete = done;
  answerJson(res, 200, {
    data: {
      id: upload.id,
      size: upload.total,
      processing_info: done ? { state: 'succeeded' } : { state: 'in_progress', check_after_secs: 0 },
    },
  });
}

/** Handles the request when it belongs to the chunked media protocol; undefined otherwise. */
export function handleChunked(state: FakeState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | undefined {
  if (req.method === 'POST' && url.pathname === '/2/media/upload/initialize') return initialize(state, req, res);
  const step = /^\/2\/media\/upload\/([^/]+)\/(append|finalize)$/.exec(url.pathname);
  const id = step?.[1] ?? (url.pathname === '/2/media/upload' ? url.searchParams.get('media_id') : null);
  if (id === null || id === undefined) return undefined;
  const upload = state.uploads.get(id);
  if (!upload) {
    answerJson(res, 404, { title: 'Not Found', status: 404 });
    return Promise.resolve();
  }
  if (req.method === 'POST' && step?.[2] === 'append') return append(state, req, res, upload);
  if (req.method === 'POST' && step?.[2] === 'finalize') return readAll(req).then(() => finalize(res, upload));
  if (req.method === 'GET' && url.searchParams.get('command') === 'STATUS') {
    status(state, res, upload);
    return Promise.resolve();
  }
  return undefined;
}
