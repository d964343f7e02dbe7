import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { comment, commentOf, commentOutput, SCOPES } from '../schemas.ts';

/**
 * Reference: https://developers.google.com/youtube/v3/docs/comments/insert. Only replies can be
 * created this way (a top-level comment goes through commentThreads.insert); `parentId` is the
 * top-level comment's id, which listComments returns as the thread's comment id. A POST that
 * may have reached YouTube is not resent: YouTube has no idempotency key and would post twice.
 */
export const replyToComment = defineAction({
  description: 'Reply to a top-level comment as the connected channel',
  scopes: [SCOPES.forceSsl],
  input: z.object({
    parentId: z.string().min(1).describe('The top-level comment id (listComments: threads[].comment.id)'),
    text: z.string().min(1).max(10_000),
  }),
  output: commentOutput.extend({ parentId: z.string() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post('/youtube/v3/comments', {
      query: { part: 'snippet' },
      json: { snippet: { parentId: input.parentId, textOriginal: input.text } },
      schema: comment,
    });
    return { ...commentOf(res.data), parentId: res.data.snippet.parentId ?? input.parentId };
  },
});
