import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { slack } from './index.ts';

const TOKEN = 'xoxb-1111-2222-fixture-token';

testConnector(slack, {
  credentials: { accessToken: TOKEN },
  fixtures: {
    postMessage: {
      input: { channel: 'C123', text: 'Deploy finished', threadTs: '1700000000.000100' },
      setup: (h) =>
        h
          .on('POST', '/chat.postMessage')
          .reply(200, { ok: true, channel: 'C123', ts: '1700000001.000200', message: { text: 'Deploy finished' } }),
      check: (output, h) => {
        expect(output).toEqual({ channel: 'C123', ts: '1700000001.000200' });
        const req = h.requests[0];
        expect(req?.url).toBe('https://slack.com/api/chat.postMessage');
        expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(req?.headers['content-type']).toBe('application/json');
        expect(req?.json()).toEqual({ channel: 'C123', text: 'Deploy finished', thread_ts: '1700000000.000100' });
      },
    },
    updateMessage: {
      input: { channel: 'C123', ts: '1700000001.000200', text: 'Deploy finished (edited)' },
      setup: (h) =>
        h.on('POST', '/chat.update').reply(200, { ok: true, channel: 'C123', ts: '1700000001.000200', text: 'Deploy finished (edited)' }),
      check: (_output, h) =>
        expect(h.requests[0]?.json()).toEqual({ channel: 'C123', ts: '1700000001.000200', text: 'Deploy finished (edited)' }),
    },
    listChannels: {
      input: { limit: 3 },
      setup: (h) => {
        h.on('GET', '/conversations.list?types=public_channel&exclude_archived=true&limit=3').reply(200, {
          ok: true,
          channels: [
            { id: 'C1', name: 'general', is_private: false, is_archived: false, num_members: 40 },
            { id: 'C2', name: 'random', is_private: false, is_archived: false },
          ],
          response_metadata: { next_cursor: 'dGVhbTpDMDYxRkE1UEI=' },
        });
        h.on('GET', '/conversations.list?types=public_channel&exclude_archived=true&limit=3&cursor=dGVhbTpDMDYxRkE1UEI%3D').reply(200, {
          ok: true,
          channels: [
            { id: 'C3', name: 'deploys', is_private: false, is_archived: false },
            { id: 'C4', name: 'overflow', is_private: false, is_archived: false },
          ],
          response_metadata: { next_cursor: '' },
        });
      },
      check: (output) =>
        expect(output).toEqual({
          channels: [
            { id: 'C1', name: 'general', isPrivate: false, isArchived: false, memberCount: 40 },
            { id: 'C2', name: 'random', isPrivate: false, isArchived: false },
            { id: 'C3', name: 'deploys', isPrivate: false, isArchived: false },
          ],
        }),
    },
    addReaction: {
      input: { channel: 'C123', timestamp: '1700000001.000200', name: 'rocket' },
      setup: (h) => h.on('POST', '/reactions.add').reply(200, { ok: true }),
      check: (_output, h) => expect(h.requests[0]?.json()).toEqual({ channel: 'C123', timestamp: '1700000001.000200', name: 'rocket' }),
    },
    lookupUserByEmail: {
      input: { email: 'ada@example.com' },
      setup: (h) =>
        h
          .on('GET', '/users.lookupByEmail?email=ada%40example.com')
          .reply(200, { ok: true, user: { id: 'U42', name: 'ada', real_name: 'Ada Lovelace', tz: 'Europe/London', deleted: false } }),
      check: (output) =>
        expect(output).toEqual({ id: 'U42', name: 'ada', realName: 'Ada Lovelace', timeZone: 'Europe/London', deleted: false }),
    },
  },
});
