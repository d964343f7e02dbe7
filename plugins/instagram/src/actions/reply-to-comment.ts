import { z } from 'zod';
import { igId } from '../graph.ts';
import { defineInstagramAction } from './define.ts';

/** Reference: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies#creating */
export const replyToComment = defineInstagramAction({
  description: "Reply to a comment on one of the account's media",
  scopes: ['instagram_business_manage_comments'],
  input: z.object({ commentId: igId, message: z.string().min(1).max(2200) }),
  output: z.object({ id: z.string() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post(`/${input.commentId}/replies`, {
      form: { message: input.message },
      schema: z.object({ id: z.string() }),
    });
    return { id: res.data.id };
  },
});
