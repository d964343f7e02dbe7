import { createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { gmail } from '../index.ts';

let h: Harness<typeof gmail>;
const fresh = () => {
  h = createTestHarness(gmail, { credentials: { accessToken: 'ya29.test-token' } });
  return h;
};
afterEach(() => h.close());

const added = (id: string) => ({ messagesAdded: [{ message: { id, threadId: `t${id}`, labelIds: ['INBOX'] } }] });

describe('gmail newMessage (history API)', () => {
  it('starts at the current historyId, then reports each added message once across pages and polls', async () => {
    fresh().on('GET', '/gmail/v1/users/me/profile').reply(200, { emailAddress: 'a@example.com', historyId: '100' });
    const first = await h.poll('newMessage', null);
    expect(first).toEqual({ events: [], cursor: '100' });

    h.on('GET', '/gmail/v1/users/me/history')
      .reply(200, { historyId: '120', nextPageToken: 'p2', history: [added('m1'), added('m2')] })
      .reply(200, { historyId: '120', history: [added('m2'), added('m3')] });
    const second = await h.poll('newMessage', first.cursor);
    expect(second.events.map((e) => e.id)).toEqual(['m1', 'm2', 'm3']);
    expect(second.events[0]).toEqual({ id: 'm1', type: 'message.added', payload: { id: 'm1', threadId: 'tm1', labelIds: ['INBOX'] } });
    expect(second.cursor).toBe('120');
    const asked = new URL(h.requests[1]?.url ?? '');
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({ startHistoryId: '100', historyTypes: 'messageAdded', labelId: 'INBOX' });
    expect(new URL(h.requests[2]?.url ?? '').searchParams.get('pageToken')).toBe('p2');

    h.on('GET', '/gmail/v1/users/me/history').reply(200, { historyId: '121' });
    expect(await h.poll('newMessage', second.cursor)).toEqual({ events: [], cursor: '121' });
    h.assertAllUsed();
  });

  it('resyncs from recent messages and the current historyId when the cursor expired (404)', async () => {
    fresh()
      .on('GET', '/gmail/v1/users/me/history')
      .reply(404, { error: { code: 404, message: 'Requested entity was not found.' } });
    h.on('GET', '/gmail/v1/users/me/profile').reply(200, { historyId: '900' });
    h.on('GET', '/gmail/v1/users/me/messages').reply(200, { messages: [{ id: 'm9', threadId: 't9' }] });
    const polled = await h.poll('newMessage', '5', { labelId: 'Label_7' });
    expect(polled).toEqual({
      events: [{ id: 'm9', type: 'message.added', payload: { id: 'm9', threadId: 't9', labelIds: [] } }],
      cursor: '900',
    });
    expect(new URL(h.requests.at(-1)?.url ?? '').searchParams.get('labelIds')).toBe('Label_7');
  });

  it('fails a poll the token is refused for as AUTH_EXPIRED, so the engine refreshes or marks the connection', async () => {
    fresh()
      .on('GET', '/gmail/v1/users/me/history')
      .reply(401, { error: { code: 401, message: 'Invalid Credentials' } });
    await expect(h.poll('newMessage', '5')).rejects.toMatchObject({ code: 'AUTH_EXPIRED' });
  });
});
