import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { API, DISCORD_HEADERS, snowflake } from '../schemas.ts';

/** Channel types (https://discord.com/developers/docs/resources/channel#channel-object-channel-types). */
const KINDS: Record<number, string> = {
  0: 'text',
  2: 'voice',
  4: 'category',
  5: 'announcement',
  13: 'stage',
  15: 'forum',
  16: 'media',
};

const channel = z.object({
  id: z.string(),
  type: z.number(),
  name: z.string().nullable().optional(),
  position: z.number().optional(),
  parent_id: z.string().nullable().optional(),
  topic: z.string().nullable().optional(),
  nsfw: z.boolean().optional(),
});

/** Reference: https://discord.com/developers/docs/resources/guild#get-guild-channels (threads not included) */
export const listGuildChannels = defineAction({
  description: 'List the channels of a server (guild), categories included',
  idempotent: true,
  input: z.object({ guildId: snowflake('guild') }),
  output: z.object({
    channels: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        type: z.number(),
        kind: z.string().describe('text, voice, category, announcement, stage, forum, media or other'),
        position: z.number().optional(),
        parentId: z.string().nullable(),
        topic: z.string().nullable(),
        nsfw: z.boolean(),
      }),
    ),
  }),
  run: async (input, ctx) => {
    const res = await ctx.http.get(`${API}/guilds/${input.guildId}/channels`, {
      headers: { ...DISCORD_HEADERS },
      schema: z.array(channel),
    });
    return {
      channels: res.data.map((c) => ({
        id: c.id,
        name: c.name ?? null,
        type: c.type,
        kind: KINDS[c.type] ?? 'other',
        position: c.position,
        parentId: c.parent_id ?? null,
        topic: c.topic ?? null,
        nsfw: c.nsfw ?? false,
      })),
    };
  },
});
