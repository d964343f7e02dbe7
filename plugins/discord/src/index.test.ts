import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { discord } from './index.ts';

const TOKEN = 'MTA1MjQ3NjM4MzE5NjU2OTY0MA.GxYz1a.fixture-bot-token_0123456789abcdef';
const CHANNEL = '1052476383196569640';
const GUILD = '1052476383196569600';
const FORUM = '1052476383196569700';
const bot = { id: '1052476383196569000', username: 'patchbay-bot', bot: true };
const message = (id: string, content: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 0,
  channel_id: CHANNEL,
  author: bot,
  content,
  timestamp: '2024-05-02T09:15:27.123000+00:00',
  edited_timestamp: null,
  tts: false,
  mention_everyone: false,
  mentions: [],
  attachments: [],
  embeds: [],
  pinned: false,
  ...extra,
});

const expectDiscordHeaders = (headers: Record<string, string> | undefined) => {
  expect(headers?.authorization).toBe(`Bot ${TOKEN}`);
  expect(headers?.['user-agent']).toMatch(/^DiscordBot \(https:\/\/\S+, \d+\.\d+\.\d+\)$/);
};

testConnector(discord, {
  credentials: { botToken: TOKEN },
  fixtures: {
    sendMessage: {
      input: { channelId: CHANNEL, content: 'Deploy finished', embeds: [{ title: 'v1.2.3', description: 'All green', color: 5763719 }] },
      setup: (h) =>
        h
          .on('POST', `/api/v10/channels/${CHANNEL}/messages`)
          .reply(
            200,
            message('1235537389411131456', 'Deploy finished', { embeds: [{ type: 'rich', title: 'v1.2.3', description: 'All green' }] }),
          ),
      check: (output, h) => {
        expect(output).toEqual({
          id: '1235537389411131456',
          channelId: CHANNEL,
          authorId: bot.id,
          content: 'Deploy finished',
          timestamp: '2024-05-02T09:15:27.123000+00:00',
          editedTimestamp: null,
          embedCount: 1,
        });
        const req = h.requests[0];
        expect(req?.method).toBe('POST');
        expect(req?.url).toBe(`https://discord.com/api/v10/channels/${CHANNEL}/messages`);
        expectDiscordHeaders(req?.headers);
        expect(req?.headers['content-type']).toBe('application/json');
        expect(req?.json()).toEqual({
          content: 'Deploy finished',
          embeds: [{ title: 'v1.2.3', description: 'All green', color: 5763719 }],
          allowed_mentions: { parse: [] },
          nonce: expect.stringMatching(/^pb-/),
          enforce_nonce: true,
        });
      },
    },
    listGuildChannels: {
      input: { guildId: GUILD },
      setup: (h) =>
        h.on('GET', `/api/v10/guilds/${GUILD}/channels`).reply(200, [
          {
            id: '41771983423143937',
            type: 4,
            guild_id: GUILD,
            name: 'Text Channels',
            position: 0,
            parent_id: null,
            permission_overwrites: [],
          },
          {
            id: '41771983423143938',
            type: 0,
            guild_id: GUILD,
            name: 'general',
            position: 1,
            parent_id: '41771983423143937',
            topic: 'Say hi',
            nsfw: false,
            last_message_id: '155117677105512449',
            rate_limit_per_user: 0,
          },
          { id: '41771983423143939', type: 2, guild_id: GUILD, name: 'Voice', position: 2, parent_id: null, bitrate: 64000, user_limit: 0 },
        ]),
      check: (output, h) => {
        expect(output).toEqual({
          channels: [
            {
              id: '41771983423143937',
              name: 'Text Channels',
              type: 4,
              kind: 'category',
              position: 0,
              parentId: null,
              topic: null,
              nsfw: false,
            },
            {
              id: '41771983423143938',
              name: 'general',
              type: 0,
              kind: 'text',
              position: 1,
              parentId: '41771983423143937',
              topic: 'Say hi',
              nsfw: false,
            },
            { id: '41771983423143939', name: 'Voice', type: 2, kind: 'voice', position: 2, parentId: null, topic: null, nsfw: false },
          ],
        });
        const req = h.requests[0];
        expect(req?.method).toBe('GET');
        expect(req?.url).toBe(`https://discord.com/api/v10/guilds/${GUILD}/channels`);
        expectDiscordHeaders(req?.headers);
        expect(req?.body).toBeUndefined();
      },
    },
    editMessage: {
      input: { channelId: CHANNEL, messageId: '1235537389411131456', content: 'Deploy finished (edited)' },
      setup: (h) =>
        h
          .on('PATCH', `/api/v10/channels/${CHANNEL}/messages/1235537389411131456`)
          .reply(200, message('1235537389411131456', 'Deploy finished (edited)', { edited_timestamp: '2024-05-02T09:16:02.456000+00:00' })),
      check: (output, h) => {
        expect(output).toMatchObject({ content: 'Deploy finished (edited)', editedTimestamp: '2024-05-02T09:16:02.456000+00:00' });
        const req = h.requests[0];
        expect(req?.method).toBe('PATCH');
        expect(req?.url).toBe(`https://discord.com/api/v10/channels/${CHANNEL}/messages/1235537389411131456`);
        expectDiscordHeaders(req?.headers);
        expect(req?.headers['content-type']).toBe('application/json');
        expect(req?.json()).toEqual({ content: 'Deploy finished (edited)', allowed_mentions: { parse: [] } });
      },
    },
    createForumPost: {
      input: { channelId: FORUM, title: 'Release 1.2.3', content: 'Notes inside', appliedTags: ['1235537389411131999'] },
      setup: (h) =>
        h.on('POST', `/api/v10/channels/${FORUM}/threads`).reply(201, {
          id: '1235537389411132000',
          type: 11,
          name: 'Release 1.2.3',
          parent_id: FORUM,
          message: { ...message('1235537389411132000', 'Notes inside'), channel_id: '1235537389411132000' },
        }),
      check: (output, h) => {
        expect(output).toEqual({ threadId: '1235537389411132000', title: 'Release 1.2.3', messageId: '1235537389411132000' });
        const req = h.requests[0];
        expect(req?.url).toBe(`https://discord.com/api/v10/channels/${FORUM}/threads`);
        expectDiscordHeaders(req?.headers);
        expect(req?.json()).toEqual({
          name: 'Release 1.2.3',
          applied_tags: ['1235537389411131999'],
          message: { content: 'Notes inside', allowed_mentions: { parse: [] } },
        });
      },
    },
  },
});
