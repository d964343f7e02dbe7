import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import {
  API,
  allowedMentions,
  DISCORD_HEADERS,
  embeds,
  message,
  messageOutput,
  snowflake,
  toAllowedMentions,
  toMessage,
} from '../schemas.ts';

/**
 * Reference: https://discord.com/developers/docs/resources/message#edit-message (only the bot's own
 * messages). Mentions added by an edit ping too, so `allowedMentions` defaults to nobody here as well.
 */
export const editMessage = defineAction({
  description: "Replace a message's content or embeds",
  idempotent: true,
  input: z
    .object({
      channelId: snowflake('channel'),
      messageId: snowflake('message'),
      content: z.string().max(2_000).optional().describe('New content; an empty string removes it'),
      embeds,
      allowedMentions,
    })
    .refine((i) => i.content !== undefined || i.embeds !== undefined, { message: 'content or embeds is required', path: ['content'] }),
  output: messageOutput,
  run: async (input, ctx) => {
    const res = await ctx.http.patch(`${API}/channels/${input.channelId}/messages/${input.messageId}`, {
      json: { content: input.content, embeds: input.embeds, allowed_mentions: toAllowedMentions(input.allowedMentions) },
      headers: { ...DISCORD_HEADERS },
      schema: message,
    });
    return toMessage(res.data);
  },
});
