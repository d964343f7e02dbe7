import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { base64, base64Bytes, utf8Bytes, utf8Text } from './encoding.ts';
import { gmail } from './index.ts';

const TOKEN = 'ya29.a0AfB_byC-test-access-token';
const b64url = (text: string) => base64(utf8Bytes(text)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** The RFC 5322 message inside a request's `raw` field. */
const rawMessage = (raw: string) => utf8Text(base64Bytes(raw));

testConnector(gmail, {
  credentials: { accessToken: TOKEN },
  fixtures: {
    sendEmail: {
      input: {
        to: ['ada@example.com'],
        cc: ['bob@example.com'],
        bcc: ['eve@example.com'],
        subject: 'Réunion à 10h',
        text: 'Bonjour Ada',
        html: '<p>Bonjour <b>Ada</b></p>',
        attachments: [{ filename: 'notes.txt', contentType: 'text/plain', contentBase64: base64(utf8Bytes('hello file')) }],
      },
      setup: (h) => h.on('POST', '/gmail/v1/users/me/messages/send').reply(200, { id: '18c1', threadId: '18c1', labelIds: ['SENT'] }),
      check: (output, h) => {
        expect(output).toEqual({ id: '18c1', threadId: '18c1', labelIds: ['SENT'] });
        const req = h.requests[0];
        expect(req?.url).toBe('https://gmail.googleapis.com/gmail/v1/users/me/messages/send');
        expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(req?.headers['content-type']).toMatch(/^application\/json/);
        const { raw } = (req?.json() ?? { raw: '' }) as { raw: string };
        expect(raw).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
        const message = rawMessage(raw);
        expect(message).toContain('To: ada@example.com\r\n');
        expect(message).toContain('Cc: bob@example.com\r\n');
        expect(message).toContain('Bcc: eve@example.com\r\n');
        expect(message).toContain(`Subject: =?UTF-8?B?${base64(utf8Bytes('Réunion à 10h'))}?=\r\n`);
        expect(message).toContain('MIME-Version: 1.0\r\n');
        expect(message).toMatch(/Content-Type: multipart\/mixed; boundary="[^"]+"/);
        expect(message).toMatch(/Content-Type: multipart\/alternative; boundary="[^"]+"/);
        expect(message).toContain(base64(utf8Bytes('Bonjour Ada')));
        expect(message).toContain(base64(utf8Bytes('<p>Bonjour <b>Ada</b></p>')));
        expect(message).toContain('Content-Disposition: attachment; filename="notes.txt"');
        expect(message).toContain(base64(utf8Bytes('hello file')));
      },
    },
    listMessages: {
      input: { query: 'from:ada is:unread', maxResults: 2 },
      setup: (h) =>
        h.on('GET', '/gmail/v1/users/me/messages?maxResults=2&q=from%3Aada+is%3Aunread').reply(200, {
          messages: [
            { id: 'm1', threadId: 't1' },
            { id: 'm2', threadId: 't1' },
          ],
          nextPageToken: 'NEXT',
          resultSizeEstimate: 7,
        }),
      check: (output) =>
        expect(output).toEqual({
          messages: [
            { id: 'm1', threadId: 't1' },
            { id: 'm2', threadId: 't1' },
          ],
          nextPageToken: 'NEXT',
          resultSizeEstimate: 7,
        }),
    },
    getMessage: {
      input: { id: 'm1' },
      setup: (h) =>
        h.on('GET', '/gmail/v1/users/me/messages/m1?format=full').reply(200, {
          id: 'm1',
          threadId: 't1',
          labelIds: ['INBOX', 'UNREAD'],
          snippet: 'Bonjour',
          internalDate: '1700000000000',
          payload: {
            mimeType: 'multipart/mixed',
            headers: [
              { name: 'From', value: 'Ada <ada@example.com>' },
              { name: 'To', value: 'me@example.com' },
              { name: 'Subject', value: 'Réunion' },
              { name: 'Message-ID', value: '<abc@mail.example.com>' },
            ],
            parts: [
              {
                mimeType: 'multipart/alternative',
                parts: [
                  { mimeType: 'text/plain', body: { size: 11, data: b64url('Bonjour Ada') } },
                  { mimeType: 'text/html', body: { size: 18, data: b64url('<p>Bonjour Ada</p>') } },
                ],
              },
              { mimeType: 'application/pdf', filename: 'a.pdf', body: { size: 1234, attachmentId: 'ANGjdJ8' } },
            ],
          },
        }),
      check: (output) =>
        expect(output).toEqual({
          id: 'm1',
          threadId: 't1',
          labelIds: ['INBOX', 'UNREAD'],
          snippet: 'Bonjour',
          receivedAt: '2023-11-14T22:13:20.000Z',
          from: 'Ada <ada@example.com>',
          to: 'me@example.com',
          cc: null,
          subject: 'Réunion',
          messageId: '<abc@mail.example.com>',
          text: 'Bonjour Ada',
          html: '<p>Bonjour Ada</p>',
          attachments: [{ filename: 'a.pdf', mimeType: 'application/pdf', size: 1234, attachmentId: 'ANGjdJ8' }],
        }),
    },
    createDraft: {
      input: { to: ['ada@example.com'], subject: 'Draft', text: 'later' },
      setup: (h) =>
        h.on('POST', '/gmail/v1/users/me/drafts').reply(200, { id: 'r-1', message: { id: 'm9', threadId: 't9', labelIds: ['DRAFT'] } }),
      check: (output, h) => {
        expect(output).toEqual({ id: 'r-1', message: { id: 'm9', threadId: 't9', labelIds: ['DRAFT'] } });
        const { message } = (h.requests[0]?.json() ?? { message: { raw: '' } }) as { message: { raw: string } };
        const text = rawMessage(message.raw);
        expect(text).toContain('Subject: Draft\r\n');
        expect(text).toContain('Content-Type: text/plain; charset="UTF-8"');
        expect(text).not.toContain('multipart');
      },
    },
  },
});
