import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { createHttpClient } from './client.ts';
import { DEFAULT_RETRY } from './retry.ts';

interface Seen {
  method: string;
  headers: IncomingMessage['headers'];
  bytes: number;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server on 127.0.0.1 whose handler sees each request after noting it. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const entry = { method: req.method ?? '', headers: req.headers, bytes: 0 };
    seen.push(entry);
    req.on('data', (chunk: Buffer) => {
      entry.bytes += chunk.byteLength;
    });
    handle(req, res, entry);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const okJson = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function client(url: string) {
  return createHttpClient({
    baseUrls: [url],
    refreshable: false,
    signal: new AbortController().signal,
    retry: { ...DEFAULT_RETRY, sleep: async () => {} },
  });
}

describe('streamed request bodies', () => {
  it('sends a web ReadableStream as it is produced, with the declared content-length', async () => {
    let firstArrived: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      firstArrived = resolve;
    });
    const { url, seen } = await serve((req, res, entry) => {
      req.on('data', () => {
        if (entry.bytes >= 64 * 1024) firstArrived();
      });
      req.on('end', () => okJson(res, { bytes: entry.bytes }));
    });
    // The second piece is made only after the server holds the first: a client that buffered
    // the whole body before sending would wait here for ever.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (controller.desiredSize === null) return;
        controller.enqueue(randomBytes(64 * 1024));
        await arrived;
        controller.enqueue(randomBytes(1024));
        controller.close();
      },
    });
    const answer = await client(url).post<{ bytes: number }>('/media', { body, contentLength: 65 * 1024, timeoutMs: 5_000 });
    expect(answer.data.bytes).toBe(65 * 1024);
    expect(seen[0]?.headers['content-length']).toBe(String(65 * 1024));
  });

  it('never sends a stream again: a PUT cut off mid-body fails with UPLOAD_INCOMPLETE after one request', async () => {
    const { url, seen } = await serve((req) => {
      req.once('data', () => req.socket.destroy());
    });
    const failure = await client(url)
      .put('/media', { body: Readable.from([randomBytes(256 * 1024), randomBytes(256 * 1024)]), contentLength: 512 * 1024 })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).code).toBe('UPLOAD_INCOMPLETE');
    expect((failure as ConnectorError).message).toMatch(/streamed body was already read/);
    expect(seen).toHaveLength(1);
  });

  it('does not repeat a streamed POST on a 503 with Retry-After, which it would repeat for bytes', async () => {
    const { url, seen } = await serve((req, res) => {
      req.on('end', () => {
        res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    const http = client(url);
    const streamed = await http.post('/media', { body: Readable.from([Buffer.from('abc')]) }).catch((e: unknown) => e);
    expect((streamed as ConnectorError).code).toBe('UPLOAD_INCOMPLETE');
    expect((streamed as ConnectorError).status).toBe(503);
    expect(seen).toHaveLength(1);
    const bytes = await http.post('/media', { body: Buffer.from('abc') }).catch((e: unknown) => e);
    expect((bytes as ConnectorError).code).toBe('UPSTREAM');
    expect(seen).toHaveLength(1 + DEFAULT_RETRY.attempts);
  });

  it('does not follow a 307 with a read stream, and follows a 303 as a GET without the body', async () => {
    const { url, seen } = await serve((req, res) => {
      req.on('end', () => {
        if (req.url === '/moved') res.writeHead(307, { location: '/elsewhere' }).end();
        else if (req.url === '/see-other') res.writeHead(303, { location: '/result' }).end();
        else okJson(res, { method: req.method });
      });
      req.resume();
    });
    const http = client(url);
    const moved = await http.post('/moved', { body: Readable.from([Buffer.from('abc')]), contentLength: 3 }).catch((e: unknown) => e);
    expect((moved as ConnectorError).code).toBe('UPLOAD_INCOMPLETE');
    expect(seen.map((s) => s.method)).toEqual(['POST']);
    const seeOther = await http.post<{ method: string }>('/see-other', { body: Readable.from([Buffer.from('abc')]), contentLength: 3 });
    expect(seeOther.data).toEqual({ method: 'GET' });
    expect(seen[2]?.headers['content-length']).toBeUndefined();
  });

  it('sends a Blob again whole when a safe request is retried: a Blob can be read twice', async () => {
    const source = randomBytes(300 * 1024);
    const { url, seen } = await serve((req, res, entry) => {
      if (seen.length === 1) req.once('data', () => req.socket.destroy());
      else req.on('end', () => okJson(res, { bytes: entry.bytes }));
    });
    const answer = await client(url).put<{ bytes: number }>('/media', { body: new Blob([source], { type: 'video/mp4' }) });
    expect(answer.data.bytes).toBe(source.byteLength);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.headers['content-type']).toBe('video/mp4');
    expect(seen[1]?.headers['content-length']).toBe(String(source.byteLength));
  });
});
