import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorError } from '../errors.ts';
import { createRedactingLogger, type LogEntry } from '../logger.ts';
import { type FakeUploadServer, startFakeUploadServer } from '../testing/fake-upload-server.ts';
import { createHttpClient } from './client.ts';
import { RESUMABLE_CHUNK_UNIT, resumableUpload } from './resumable-upload.ts';
import { DEFAULT_RETRY } from './retry.ts';

let server: FakeUploadServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const MiB = 1024 * 1024;
const resource = z.object({ id: z.string(), size: z.number() });

function context(baseUrl: string) {
  const logs: LogEntry[] = [];
  const http = createHttpClient({
    baseUrls: [baseUrl],
    refreshable: false,
    applyAuth: (target) => {
      target.headers.authorization = 'Bearer upload-token';
    },
    signal: new AbortController().signal,
    retry: { ...DEFAULT_RETRY, sleep: async () => {} },
  });
  return { ctx: { http, log: createRedactingLogger([], (entry) => logs.push(entry)) }, logs };
}

const start = { path: '/upload/youtube/v3/videos', query: { uploadType: 'resumable', part: 'snippet' }, json: { snippet: { title: 't' } } };

describe('resumableUpload', () => {
  it('sends a stream in 256 KiB-multiple chunks and returns the validated resource', async () => {
    server = await startFakeUploadServer();
    const source = randomBytes(2.5 * MiB);
    const { ctx, logs } = context(server.url);
    const body = Readable.from([source.subarray(0, 700_000), source.subarray(700_000)]);
    const done = await resumableUpload(ctx, {
      start,
      body,
      size: source.byteLength,
      contentType: 'video/mp4',
      chunkSize: MiB,
      schema: resource,
    });
    const upload = [...server.uploads.values()][0];
    expect(done.data).toEqual({ id: upload?.id, size: source.byteLength });
    expect(server.bytesOf(done.data.id).equals(source)).toBe(true);
    expect(upload?.received.map((r) => r.start)).toEqual([0, MiB, 2 * MiB]);
    expect(upload?.metadata).toEqual({ snippet: { title: 't' } });
    expect(upload?.contentType).toBe('video/mp4');
    expect(logs.filter((l) => l.message === 'upload progress').map((l) => l.fields.confirmedBytes)).toEqual([MiB, 2 * MiB]);
    // The session URI lets anyone holding it upload: it never reaches a log line.
    expect(JSON.stringify(logs)).not.toContain(done.data.id);
  });

  it('resumes after a dropped connection and a 503 from the byte the session confirmed, never from 0', async () => {
    server = await startFakeUploadServer({ faults: [undefined, 'drop', 503] });
    const source = randomBytes(2.5 * MiB);
    const { ctx, logs } = context(server.url);
    const done = await resumableUpload(ctx, {
      start,
      body: new Blob([source]),
      size: source.byteLength,
      contentType: 'video/mp4',
      chunkSize: MiB,
      retryDelayMs: 1,
      schema: resource,
    });
    const upload = server.uploads.get(done.data.id);
    expect(server.bytesOf(done.data.id).equals(source)).toBe(true);
    // Each PUT started where the session stood: no byte it held was sent again.
    for (const part of upload?.received ?? []) expect(part.start).toBe(part.heldBefore);
    expect(upload?.received.map((r) => [r.start, r.fault])).toEqual([
      [0, undefined],
      [MiB, 'drop'],
      [MiB + MiB / 2, 503],
      [MiB + MiB / 2, undefined],
      [2 * MiB, undefined],
    ]);
    expect(upload?.statusQueries).toBe(2);
    expect(logs.some((l) => l.level === 'warn' && l.fields.code === 'UPSTREAM')).toBe(true);
  });

  it('lets one PUT time out on chunkTimeoutMs and resumes from what the session kept', async () => {
    server = await startFakeUploadServer({ faults: ['stall'] });
    const source = randomBytes(1.5 * MiB);
    const { ctx } = context(server.url);
    const done = await resumableUpload(ctx, {
      start,
      body: source,
      size: source.byteLength,
      contentType: 'video/mp4',
      chunkSize: MiB,
      chunkTimeoutMs: 300,
      retryDelayMs: 1,
      schema: resource,
    });
    expect(server.bytesOf(done.data.id).equals(source)).toBe(true);
    // The stalled PUT's bytes were kept: after the timeout the status query says so, and only the rest goes.
    expect(server.uploads.get(done.data.id)?.received.map((r) => [r.start, r.fault])).toEqual([
      [0, 'stall'],
      [MiB, undefined],
    ]);
  });

  it('gives up with UPLOAD_INCOMPLETE after its tries, at the confirmed byte', async () => {
    server = await startFakeUploadServer({ faults: [undefined, 503, 503, 503] });
    const source = randomBytes(2 * MiB);
    const { ctx } = context(server.url);
    const failure = await resumableUpload(ctx, {
      start,
      body: source,
      size: source.byteLength,
      contentType: 'video/mp4',
      chunkSize: MiB,
      tries: 3,
      retryDelayMs: 1,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).code).toBe('UPLOAD_INCOMPLETE');
    expect((failure as ConnectorError).message).toContain(`after 3 failed tries at byte ${MiB} of ${2 * MiB}`);
    expect([...server.uploads.values()][0]?.received.map((r) => r.start)).toEqual([0, MiB, MiB, MiB]);
  });

  it('refuses a session URI outside the base URLs before sending a byte there', async () => {
    const elsewhere = await startFakeUploadServer();
    server = await startFakeUploadServer({ sessionOrigin: elsewhere.url });
    const { ctx } = context(server.url);
    const failure = await resumableUpload(ctx, { start, body: randomBytes(1000), size: 1000, contentType: 'video/mp4' }).catch(
      (e: unknown) => e,
    );
    expect((failure as ConnectorError).code).toBe('HOST_NOT_ALLOWED');
    expect(elsewhere.headers).toHaveLength(0);
    await elsewhere.stop();
  });

  it('says the session expired on a 404 instead of starting again', async () => {
    server = await startFakeUploadServer();
    const { ctx } = context(server.url);
    const fake = server;
    const body = (async function* () {
      yield randomBytes(RESUMABLE_CHUNK_UNIT);
      fake.uploads.clear();
      yield randomBytes(10);
    })();
    const failure = await resumableUpload(ctx, {
      start,
      body,
      size: RESUMABLE_CHUNK_UNIT + 10,
      contentType: 'video/mp4',
      chunkSize: RESUMABLE_CHUNK_UNIT,
    }).catch((e: unknown) => e);
    expect((failure as ConnectorError).code).toBe('UPLOAD_INCOMPLETE');
    expect((failure as ConnectorError).status).toBe(404);
  });

  it('refuses a chunk size Google would reject', async () => {
    const { ctx } = context('https://uploads.example.com');
    const failure = await resumableUpload(ctx, {
      start,
      body: new Uint8Array(10),
      size: 10,
      contentType: 'video/mp4',
      chunkSize: 1000,
    }).catch((e: unknown) => e);
    expect((failure as ConnectorError).code).toBe('CONNECTOR_FAILURE');
  });
});
