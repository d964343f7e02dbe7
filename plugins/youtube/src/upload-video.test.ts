/**
 * uploadVideo against a real HTTP upload server on 127.0.0.1 speaking Google's resumable
 * protocol, with the connection cut and a 503 scripted after the first chunk: the upload must go
 * on from the offset the server reports, never from byte 0, and no byte may be sent twice.
 */
import { randomBytes } from 'node:crypto';
import { runAction } from '@patchbay/sdk';
import { connectorFailure, type FakeUploadServer, startFakeUploadServer } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { youtube } from './index.ts';

const CHUNK = 8 * 1024 * 1024;
let uploads: FakeUploadServer | undefined;
afterEach(async () => {
  await uploads?.stop();
  uploads = undefined;
});

const local = (url: string) => ({ ...youtube, baseUrls: [url] });
const metadata = {
  snippet: { title: 'Resumed', categoryId: '22' },
  status: { privacyStatus: 'unlisted' as const },
};

describe('uploadVideo (resumable)', () => {
  it('resumes from the offset the server reports after a dropped connection and a 503, sending no byte twice', async () => {
    uploads = await startFakeUploadServer({ faults: [undefined, 'drop', 503] });
    const video = randomBytes(CHUNK + 300 * 1024);
    const out = (await runAction(local(uploads.url), 'uploadVideo', {
      input: { ...metadata, contentType: 'video/mp4', videoBase64: video.toString('base64') },
      credentials: { accessToken: 'ya29.upload-test' },
      retry: { sleep: async () => {} },
    })) as { id: string };
    const upload = uploads.uploads.get(out.id);
    expect(uploads.bytesOf(out.id).equals(video)).toBe(true);
    expect(upload?.metadata).toEqual(metadata);
    expect(upload?.contentType).toBe('video/mp4');
    // First chunk whole; the second cut halfway (150 KiB kept), then refused by a 503, then sent from 150 KiB on.
    expect(upload?.received.map((r) => r.start)).toEqual([0, CHUNK, CHUNK + 150 * 1024, CHUNK + 150 * 1024]);
    for (const part of upload?.received ?? []) expect(part.start).toBe(part.heldBefore);
    expect(upload?.statusQueries).toBe(2);
    expect(out).toEqual({ id: out.id, title: null, privacyStatus: null, uploadStatus: null });
  });

  it('refuses publishAt on a video that is not private, before opening a session', async () => {
    uploads = await startFakeUploadServer();
    const error = await connectorFailure(
      runAction(local(uploads.url), 'uploadVideo', {
        input: { snippet: metadata.snippet, status: { privacyStatus: 'public', publishAt: '2026-12-24T10:00:00Z' }, videoBase64: 'AAAA' },
        credentials: { accessToken: 'ya29.upload-test' },
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', path: 'status.privacyStatus' });
    expect(uploads.uploads.size).toBe(0);
  });
});
