import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { documentedBlocks } from './__fixtures__/doc-blocks.ts';
import { uploadMedia, uploadVideo, videoHost, xMedia } from './__fixtures__/docs-bodies.ts';
import type { AnyConnector } from './define.ts';
import { runAction } from './run-action.ts';
import { type FakeUploadServer, startFakeUploadServer } from './testing/fake-upload-server.ts';

let uploads: FakeUploadServer | undefined;
afterEach(async () => {
  await uploads?.stop();
  uploads = undefined;
});

/** The documented connector, pointed at the local fake instead of the provider. */
const local = (connector: AnyConnector, url: string): AnyConnector => ({ ...connector, baseUrls: [url] });

describe('docs/connector-authoring.md large-bodies examples', () => {
  it('every marked block is in the type-checked examples file, as written', async () => {
    const { blocks, examples } = await documentedBlocks('docs-bodies.ts');
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) expect(examples).toContain(block);
  });

  it('the resumable upload example resumes after a dropped connection', async () => {
    uploads = await startFakeUploadServer({ faults: ['drop'] });
    const video = randomBytes(300 * 1024);
    const out = (await runAction(local(videoHost, uploads.url), 'uploadVideo', {
      input: { title: 'Demo', video: video.toString('base64') },
      credentials: { accessToken: 'ya29.test' },
      retry: { sleep: async () => {} },
    })) as { id: string };
    expect(uploads.bytesOf(out.id).equals(video)).toBe(true);
    expect(uploads.uploads.get(out.id)?.received.map((r) => r.start)).toEqual([0, 150 * 1024]);
    expect(uploadVideo.timeoutMs).toBe(600_000);
  });

  it('the chunked media example appends, finalizes and polls', async () => {
    uploads = await startFakeUploadServer({ pendingPolls: 1 });
    const video = randomBytes(5 * 1024 * 1024);
    const out = (await runAction(local(xMedia, uploads.url), 'uploadMedia', {
      input: { video: video.toString('base64') },
      credentials: { accessToken: 'x-test' },
    })) as { mediaId: string };
    expect(uploads.bytesOf(out.mediaId).equals(video)).toBe(true);
    expect(uploads.uploads.get(out.mediaId)?.received.map((r) => r.start)).toEqual([0, 1]);
    expect(uploadMedia.timeoutMs).toBe(300_000);
  });
});
