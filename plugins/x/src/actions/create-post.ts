import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { xId } from '../schemas.ts';

/**
 * Reference: https://docs.x.com/x-api/posts/create-post (POST /2/tweets, 201 `{ data: { id, text } }`).
 * Not retried after a 5xx: X has no idempotency key for posts, and a second try could post twice
 * (or be refused as a duplicate).
 */
export const createPost = defineAction({
  description: 'Publish a post, optionally as a reply, a quote, with a poll or with uploaded media',
  scopes: ['tweet.read', 'tweet.write', 'users.read'],
  input: z
    .object({
      text: z.string().min(1).max(25_000).optional().describe('280 weighted characters unless the account may post long posts'),
      replyTo: xId.optional().describe('The id of the post this one answers'),
      quotePostId: xId.optional().describe('The id of the post to quote'),
      mediaIds: z.array(xId).min(1).max(4).optional().describe('Ids from uploadMedia (up to 4 images, or 1 video or GIF)'),
      poll: z
        .object({
          options: z.array(z.string().min(1).max(25)).min(2).max(4),
          durationMinutes: z.number().int().min(5).max(10_080),
        })
        .optional(),
      replySettings: z.enum(['following', 'mentionedUsers', 'subscribers']).optional().describe('Who may reply (default: everyone)'),
    })
    .refine((i) => i.text !== undefined || i.mediaIds !== undefined, { message: 'give text or mediaIds', path: ['text'] })
    .refine((i) => !(i.poll && i.mediaIds), { message: 'a post carries a poll or media, not both', path: ['poll'] }),
  output: z.object({ id: z.string(), text: z.string() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post('/2/tweets', {
      json: {
        text: input.text,
        reply: input.replyTo ? { in_reply_to_tweet_id: input.replyTo } : undefined,
        quote_tweet_id: input.quotePostId,
        media: input.mediaIds ? { media_ids: input.mediaIds } : undefined,
        poll: input.poll ? { options: input.poll.options, duration_minutes: input.poll.durationMinutes } : undefined,
        reply_settings: input.replySettings,
      },
      schema: z.object({ data: z.object({ id: z.string(), text: z.string() }) }),
    });
    return res.data.data;
  },
});
