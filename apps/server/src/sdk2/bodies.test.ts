/**
 * Large bodies end to end: the real server and worker, real Postgres, and a fake upload server
 * on 127.0.0.1 that cuts a chunk off midway and answers 503. The uploads finish without the fake
 * ever receiving a byte it already held, and a queued upload outlives its worker's lease.
 */

import { startWorker } from '@patchbay/engine';
import { type FakeUploadServer, startFakeUploadServer } from '@patchbay/sdk/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpSession, ok } from '../testing/http-session.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { bodiesConnector, mediaBytes } from './bodies-connector.ts';

const MiB = 1024 * 1024;
const API_KEY = 'bodies-key-123456';
const LEASE_MS = 300;

let uploads: FakeUploadServer;
let elsewhere: FakeUploadServer;
let strayUploads: FakeUploadServer;
let server: TestServer;
let service: HttpSession;
let connectionId: string;
let strayConnectionId: string;

beforeAll(async () => {
  uploads = await startFakeUploadServer({ pendingPolls: 2 });
  elsewhere = await startFakeUploadServer();
  // Opens sessions whose URI points at another host than the connector's base URL.
  strayUploads = await startFakeUploadServer({ sessionOrigin: elsewhere.url });
  server = await startTestServer({
    connectors: [bodiesConnector(uploads.url), bodiesConnector(strayUploads.url, 'bodies-stray')],
    leaseMs: LEASE_MS,
  });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `bodies-${Date.now()}@example.com`);
  const owner = user.withOrg(ok(await user.mutation('orgs.create', { name: 'Uploaders' })).id);
  service = HttpSession.withApiKey(server.url, ok(await owner.mutation('apiKeys.create', { name: 'backend' })).key);
  connectionId = ok(await service.mutation('connections.create', { connectorId: 'bodies-video', credentials: { apiKey: API_KEY } })).id;
  strayConnectionId = ok(
    await service.mutation('connections.create', { connectorId: 'bodies-stray', credentials: { apiKey: API_KEY } }),
  ).id;
});
afterAll(async () => {
  await server?.close();
  await Promise.all([uploads?.stop(), elsewhere?.stop(), strayUploads?.stop()]);
});

async function expected(size: number, seed: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of mediaBytes(size, seed)) parts.push(part);
  return Buffer.concat(parts);
}

describe('large bodies through the real server', () => {
  it('a resumable 2.5 MiB upload in 1 MiB chunks survives a dropped connection and a 503, sending no held byte twice', async () => {
    uploads.faults.push(undefined, 'drop', 503);
    const size = 2.5 * MiB;
    const video = ok(
      await service.mutation('actions.bodies-video.uploadVideo', { connectionId, input: { title: 'Launch', sizeBytes: size, seed: 7 } }),
    );
    expect(video.size).toBe(size);
    const upload = uploads.uploads.get(video.id);
    expect(uploads.bytesOf(video.id).equals(await expected(size, 7))).toBe(true);
    // Every data PUT began at the byte the session held: nothing was sent twice, nothing restarted at 0.
    expect(upload?.received.map((r) => [r.start, r.heldBefore, r.fault])).toEqual([
      [0, 0, undefined],
      [MiB, MiB, 'drop'],
      [1.5 * MiB, 1.5 * MiB, 503],
      [1.5 * MiB, 1.5 * MiB, undefined],
      [2 * MiB, 2 * MiB, undefined],
    ]);
    expect(upload?.statusQueries).toBe(2);
    expect(upload?.metadata).toEqual({ snippet: { title: 'Launch' }, status: { privacyStatus: 'private' } });
    expect(uploads.headers.every((h) => h.authorization === `Bearer ${API_KEY}`)).toBe(true);
  });

  it('an X-like chunked upload (INIT, APPEND, FINALIZE, STATUS) sends only the dropped segment again', async () => {
    uploads.faults.push(undefined, 'drop');
    const size = 2 * MiB + 1000;
    const done = ok(await service.mutation('actions.bodies-video.uploadMedia', { connectionId, input: { sizeBytes: size, seed: 3 } }));
    expect(done.state).toBe('succeeded');
    expect(uploads.bytesOf(done.mediaId).equals(await expected(size, 3))).toBe(true);
    const upload = uploads.uploads.get(done.mediaId);
    expect(upload?.received.map((r) => r.start)).toEqual([0, -1, 1, 2]);
    expect(upload?.statusQueries).toBe(3);
  });

  it('refuses an upload session URI on a host outside the base URLs: nothing is sent there', async () => {
    const refused = await service.mutation('actions.bodies-stray.uploadVideo', {
      connectionId: strayConnectionId,
      input: { title: 'Stray', sizeBytes: 1000, seed: 1 },
    });
    expect(refused.body.error.data).toMatchObject({ reason: 'HOST_NOT_ALLOWED' });
    expect(elsewhere.headers).toHaveLength(0);
  });

  it('declares its 45 s timeout in the catalog, and a queued upload outlives several leases and runs once', async () => {
    const catalog = ok(await service.query('connectors.list'));
    const actions = catalog.find((c: { id: string }) => c.id === 'bodies-video').actions;
    expect(actions.map((a: { name: string; timeoutMs: number }) => [a.name, a.timeoutMs])).toEqual([
      ['uploadVideo', 45_000],
      ['uploadMedia', 45_000],
    ]);
    const worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 50 });
    try {
      const sessionsBefore = uploads.uploads.size;
      // Two faults, each followed by a 400 ms wait: the run takes several 300 ms leases.
      uploads.faults.push(503, 503);
      const queued = ok(
        await service.mutation('runs.enqueue', {
          connectionId,
          connectorId: 'bodies-video',
          action: 'uploadVideo',
          input: { title: 'Queued', sizeBytes: 1.5 * MiB, seed: 9, retryDelayMs: 400 },
        }),
      );
      await vi.waitFor(async () => expect(ok(await service.query('runs.get', { id: queued.runId })).status).toBe('succeeded'), {
        timeout: 20_000,
        interval: 50,
      });
      const run = ok(await service.query('runs.get', { id: queued.runId }));
      expect(run.attempt).toBe(1);
      expect(run.durationMs).toBeGreaterThan(3 * LEASE_MS);
      expect(uploads.uploads.size).toBe(sessionsBefore + 1);
      expect(uploads.bytesOf(run.output.id).equals(await expected(1.5 * MiB, 9))).toBe(true);
      // Every PUT is on record as an attempt, without the session URI's query (its upload_id lets anyone upload).
      const puts = run.attempts.filter((a: { method: string }) => a.method === 'PUT');
      expect(puts.length).toBeGreaterThanOrEqual(4);
      expect(JSON.stringify(run.attempts)).not.toContain('upload_id');
    } finally {
      await worker.stop();
    }
  });
});
