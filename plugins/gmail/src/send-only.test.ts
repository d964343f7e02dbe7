/** G6: the send-only profile asks for gmail.send alone and still sends, replies included when given inReplyTo. */
import { createTestHarness, connectorFailure as failure, testConnector } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { gmailSend } from './index.ts';

const SENT = { id: '18e1', threadId: '18e0', labelIds: ['SENT'] };

testConnector(gmailSend, {
  credentials: { accessToken: 'ya29.send-only' },
  fixtures: {
    sendEmail: {
      input: { to: ['ada@example.com'], subject: 'Re: Plan', text: 'ok', threadId: '18e0', inReplyTo: '<p@mail.example.com>' },
      setup: (h) => h.on('POST', '/gmail/v1/users/me/messages/send').reply(200, SENT),
      check: (output, h) => {
        expect(output).toEqual(SENT);
        // The parent was given: no thread read, which gmail.send could not do.
        expect(h.requests.map((r) => r.method)).toEqual(['POST']);
      },
    },
  },
});

describe('gmail-send profile', () => {
  it('requests the gmail.send scope only, so the app needs no restricted-scope assessment', () => {
    expect(gmailSend.auth.scopes).toEqual(['https://www.googleapis.com/auth/gmail.send']);
    expect(Object.keys(gmailSend.actions)).toEqual(['sendEmail']);
  });

  it('says FORBIDDEN_SCOPE when a reply gives threadId without inReplyTo (reading the thread needs gmail.readonly)', async () => {
    const h = createTestHarness(gmailSend, { credentials: { accessToken: 'ya29.send-only' } });
    try {
      h.on(
        'GET',
        '/gmail/v1/users/me/threads/18e0?format=metadata&metadataHeaders=Message-ID&metadataHeaders=References&metadataHeaders=Subject',
      ).reply(403, {
        error: {
          code: 403,
          status: 'PERMISSION_DENIED',
          message: 'Request had insufficient authentication scopes.',
          errors: [{ reason: 'insufficientPermissions' }],
        },
      });
      expect((await failure(h.run('sendEmail', { to: ['a@example.com'], subject: 'Re: Plan', text: 't', threadId: '18e0' }))).code).toBe(
        'FORBIDDEN_SCOPE',
      );
    } finally {
      await h.close();
    }
  });
});
