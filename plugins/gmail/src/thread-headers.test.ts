/** G1: a reply carries In-Reply-To and References so it threads for recipients, not only for the sender. */
import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { base64Bytes, utf8Text } from './encoding.ts';
import { gmail } from './index.ts';

let h: Harness<typeof gmail>;
const fresh = () => {
  h = createTestHarness(gmail, { credentials: { accessToken: 'ya29.thread-test' } });
  return h;
};
afterEach(() => h.close());

const SENT = { id: '18c2', threadId: '18c0', labelIds: ['SENT'] };
const THREAD =
  '/gmail/v1/users/me/threads/18c0?format=metadata&metadataHeaders=Message-ID&metadataHeaders=References&metadataHeaders=Subject';
const sentMessage = (harness: Harness<typeof gmail>, index = 0) => {
  const body = harness.requests[index]?.json() as { raw?: string; message?: { raw: string } };
  return utf8Text(base64Bytes(body.raw ?? body.message?.raw ?? ''));
};

describe('Gmail replies thread (G1)', () => {
  it('writes the given In-Reply-To, and References ending with the parent', async () => {
    fresh().on('POST', '/gmail/v1/users/me/messages/send').reply(200, SENT);
    await h.run('sendEmail', {
      to: ['ada@example.com'],
      subject: 'Re: Budget',
      text: 'Agreed',
      threadId: '18c0',
      inReplyTo: '<b@mail.example.com>',
      references: ['<a@mail.example.com>'],
    });
    const message = sentMessage(h);
    expect(message).toContain('In-Reply-To: <b@mail.example.com>\r\n');
    expect(message).toContain('References: <a@mail.example.com>\r\n <b@mail.example.com>\r\n');
    expect(h.requests[0]?.json()).toMatchObject({ threadId: '18c0' });
    expect(h.requests).toHaveLength(1);
  });

  it('with threadId alone, reads the thread and replies to its last message', async () => {
    fresh()
      .on('GET', THREAD)
      .reply(200, {
        id: '18c0',
        messages: [
          {
            id: '18c0',
            payload: {
              headers: [
                { name: 'Message-ID', value: '<a@mail.example.com>' },
                { name: 'Subject', value: 'Budget' },
              ],
            },
          },
          {
            id: '18c1',
            payload: {
              headers: [
                { name: 'Subject', value: 'RE: Budget' },
                { name: 'References', value: '<a@mail.example.com>' },
                { name: 'Message-Id', value: '<b@mail.example.com>' },
              ],
            },
          },
        ],
      });
    h.on('POST', '/gmail/v1/users/me/drafts').reply(200, { id: 'r-1', message: SENT });
    await h.run('createDraft', { to: ['ada@example.com'], subject: 'Re: Budget', text: 'Agreed', threadId: '18c0' });
    const message = sentMessage(h, 1);
    expect(message).toContain('In-Reply-To: <b@mail.example.com>\r\n');
    expect(message).toContain('References: <a@mail.example.com>\r\n <b@mail.example.com>\r\n');
    expect(message).toContain('Subject: Re: Budget\r\n');
  });

  it("refuses a reply whose subject is not the thread's, since it would not thread for recipients", async () => {
    fresh()
      .on('GET', THREAD)
      .reply(200, {
        messages: [
          {
            payload: {
              headers: [
                { name: 'Message-ID', value: '<a@x.example>' },
                { name: 'Subject', value: 'Budget' },
              ],
            },
          },
        ],
      });
    expect(
      await failure(h.run('sendEmail', { to: ['ada@example.com'], subject: 'Other topic', text: 'x', threadId: '18c0' })),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'subject',
    });
    expect(h.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('refuses a malformed Message-ID and references without inReplyTo', async () => {
    fresh();
    expect(await failure(h.run('sendEmail', { to: ['a@example.com'], subject: 's', text: 't', inReplyTo: 'no-brackets@x' }))).toMatchObject(
      {
        code: 'INVALID_INPUT',
        path: 'inReplyTo',
      },
    );
    expect(
      await failure(h.run('sendEmail', { to: ['a@example.com'], subject: 's', text: 't', references: ['<a@x.example>'] })),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'inReplyTo',
    });
    expect(h.requests).toHaveLength(0);
  });
});
