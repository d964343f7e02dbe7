import { apiKey, defineConnector } from '@patchbay/sdk';
import { z } from 'zod';
import { createForumPost } from './actions/create-forum-post.ts';
import { editMessage } from './actions/edit-message.ts';
import { listGuildChannels } from './actions/list-guild-channels.ts';
import { sendMessage } from './actions/send-message.ts';
import { discordError } from './discord-errors.ts';
import { API, DISCORD_HEADERS } from './schemas.ts';

/**
 * Discord, as a bot (https://discord.com/developers/docs/reference#authentication): the bot
 * token from the Developer Portal, sent as `Authorization: Bot <token>`. Bot tokens do not expire;
 * the bot acts wherever it was invited, with the permissions its role grants.
 */
export const discord = defineConnector({
  id: 'discord',
  name: 'Discord',
  version: '0.1.0',
  description: 'Send and edit messages in Discord channels, start forum posts and list the channels of a server, as a bot.',
  auth: apiKey({
    fields: z.object({
      botToken: z
        .string()
        .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a Discord bot token (three dot-separated parts, without "Bot ")'),
    }),
    apply: (credentials, request) => {
      request.headers.authorization = `Bot ${credentials.botToken}`;
    },
  }),
  baseUrls: ['https://discord.com'],
  actions: { sendMessage, listGuildChannels, editMessage, createForumPost },
  mapError: discordError,
  healthCheck: async (ctx) => {
    // https://discord.com/developers/docs/resources/user#get-current-user
    await ctx.http.get(`${API}/users/@me`, { headers: { ...DISCORD_HEADERS } });
  },
});

export default discord;
