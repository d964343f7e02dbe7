/** G5: a message above 5 MB goes to the upload URI as message/rfc822, resumable, not as JSON `raw`. */
import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { gmail } from './index.ts';
import { UPLOAD_ABOVE_BYTES } from './send-raw.ts';

let h: Harness<typeof gmail>;
afterEach(() => h.close());

const SESSION = 'https://gmail.googleapis.com/upload/gmail/v1/users/me/messages/send?uploadType=resumable&upload_id=ADPycdt-session';
const SENT = { id: '18d1', threadId: '18d0', labelIds: ['SENT'] };
/** An attachment of `bytes` bytes, base64. */
const attachmentOf = (bytes: number) => ({
  filename: 'big.bin',
  contentType: 'application/octet-stream',
  contentBase64: Buffer.alloc(bytes, 7).toString('base64'),
});

describe('Gmail large messages (G5)', () => {
  it('sends a message above 5 MB through /upload/gmail/v1/users/me/messages/send?uploadType=resumable', async () => {
    h = createTestHarness(gmail, { credentials: { accessToken: 'ya29.upload-test' } });
    h.on('POST', '/upload/gmail/v1/users/me/messages/send?uploadType=resumable').reply(200, '', { location: SESSION });
    h.on('PUT', SESSION).always(200, SENT);
    const out = await h.run('sendEmail', {
      to: ['ada@example.com'],
      subject: 'Re: Film',
      text: 'Here it is',
      threadId: '18d0',
      inReplyTo: '<film@mail.example.com>',
      attachments: [attachmentOf(UPLOAD_ABOVE_BYTES)],
    });
    expect(out).toEqual(SENT);
    const [open, ...puts] = h.requests;
    expect(open?.json()).toEqual({ threadId: '18d0' });
    expect(open?.headers['x-upload-content-type']).toBe('message/rfc822');
    const size = Number(open?.headers['x-upload-content-length']);
    // base64 grows the attachment by a third, plus line breaks: well above the threshold.
    expect(size).toBeGreaterThan(UPLOAD_ABOVE_BYTES * 1.3);
    expect(puts.length).toBeGreaterThan(0);
    expect(puts[0]?.headers['content-type']).toBe('message/rfc822');
    expect(puts[0]?.body?.startsWith('To: ada@example.com\r\n')).toBe(true);
    expect(puts[0]?.body).toContain('In-Reply-To: <film@mail.example.com>\r\n');
    expect(h.requests.some((r) => r.url.endsWith('/gmail/v1/users/me/messages/send'))).toBe(false);
  }, 60_000);

  it('keeps small messages on the JSON raw endpoint', async () => {
    h = createTestHarness(gmail, { credentials: { accessToken: 'ya29.upload-test' } });
    h.on('POST', '/gmail/v1/users/me/messages/send').reply(200, SENT);
    await h.run('sendEmail', { to: ['ada@example.com'], subject: 's', text: 't', attachments: [attachmentOf(1024)] });
    expect(h.requests.map((r) => r.url)).toEqual(['https://gmail.googleapis.com/gmail/v1/users/me/messages/send']);
  });

  it('refuses a message above 35 MB before sending anything', async () => {
    h = createTestHarness(gmail, { credentials: { accessToken: 'ya29.upload-test' } });
    expect(
      await failure(
        h.run('sendEmail', { to: ['ada@example.com'], subject: 's', text: 't', attachments: [attachmentOf(27 * 1024 * 1024)] }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', path: 'attachments' });
    expect(h.requests).toHaveLength(0);
  }, 30_000);
});
