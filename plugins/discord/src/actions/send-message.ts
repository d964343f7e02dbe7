import { randomUUID } from 'node:crypto';
import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import {
  API,
  allowedMentions,
  DISCORD_HEADERS,
  embeds,
  message,
  messageOutput,
  nonceFor,
  snowflake,
  toAllowedMentions,
  toMessage,
} from '../schemas.ts';

/**
 * Reference: https://discord.com/developers/docs/resources/message#create-message
 * (needs SEND_MESSAGES in the channel; the run's idempotency key becomes an enforced nonce).
 * Content, embeds or both; nobody is pinged unless `allowedMentions` says so. Forum and media
 * channels take no messages: createForumPost starts a post there.
 */
export const sendMessage = defineAction({
  description: 'Send a message to a channel',
  input: z
    .object({
      channelId: snowflake('channel'),
      content: z.string().min(1).max(2_000).optional(),
      embeds,
      allowedMentions,
      tts: z.boolean().optional().describe('Read the message aloud with text-to-speech'),
    })
    .refine((i) => i.content !== undefined || (i.embeds?.length ?? 0) > 0, { message: 'content or embeds is required', path: ['content'] }),
  output: messageOutput,
  run: async (input, ctx) => {
    // Always an enforced nonce (the run's key, or a fresh one): a resent POST returns the message
    // already created instead of posting twice, so the SDK may retry it after a reset or a 5xx.
    const nonce = nonceFor(ctx.idempotencyKey ?? randomUUID());
    const res = await ctx.http.post(`${API}/channels/${input.channelId}/messages`, {
      json: {
        content: input.content,
        embeds: input.embeds,
        tts: input.tts,
        allowed_mentions: toAllowedMentions(input.allowedMentions),
        nonce,
        enforce_nonce: true,
      },
      headers: { ...DISCORD_HEADERS },
      idempotent: true,
      schema: message,
    });
    return toMessage(res.data);
  },
});
