import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { API, allowedMentions, DISCORD_HEADERS, embeds, message, snowflake, toAllowedMentions } from '../schemas.ts';

const thread = z.object({ id: z.string(), name: z.string(), parent_id: z.string().nullable().optional(), message: message.optional() });

/**
 * Reference: https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel
 * Forum (type 15) and media (type 16) channels refuse Create Message: a post there is a thread
 * with its first message, `POST /channels/{id}/threads` with `{ name, message }` (needs
 * SEND_MESSAGES). Discord takes no nonce here, so a failed POST is not resent.
 */
export const createForumPost = defineAction({
  description: 'Start a post (a thread with its first message) in a forum or media channel',
  input: z
    .object({
      channelId: snowflake('forum channel'),
      title: z.string().min(1).max(100).describe('The post’s (thread’s) name'),
      content: z.string().min(1).max(2_000).optional(),
      embeds,
      allowedMentions,
      appliedTags: z.array(snowflake('tag')).max(5).optional().describe('Ids of the forum’s tags to apply'),
      autoArchiveMinutes: z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]).optional(),
    })
    .refine((i) => i.content !== undefined || (i.embeds?.length ?? 0) > 0, { message: 'content or embeds is required', path: ['content'] }),
  output: z.object({ threadId: z.string(), title: z.string(), messageId: z.string().optional() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post(`${API}/channels/${input.channelId}/threads`, {
      json: {
        name: input.title,
        auto_archive_duration: input.autoArchiveMinutes,
        applied_tags: input.appliedTags,
        message: { content: input.content, embeds: input.embeds, allowed_mentions: toAllowedMentions(input.allowedMentions) },
      },
      headers: { ...DISCORD_HEADERS },
      schema: thread,
    });
    // The first message's id equals the thread's in forums; Discord also returns it nested.
    return { threadId: res.data.id, title: res.data.name, messageId: res.data.message?.id };
  },
});
