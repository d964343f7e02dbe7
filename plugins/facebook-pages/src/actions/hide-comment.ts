import { z } from 'zod';
import { graphId } from '../graph.ts';
import { definePagesAction } from './define.ts';

/** Reference: https://developers.facebook.com/docs/graph-api/reference/comment/#Updating (`is_hidden`) */
export const hideComment = definePagesAction({
  description: "Hide (or show again) a comment on the chosen Page's content",
  scopes: ['pages_manage_engagement'],
  // Setting the same flag twice leaves the same state, so a resent request is harmless.
  idempotent: true,
  input: z.object({ commentId: graphId, hidden: z.boolean().default(true) }),
  output: z.object({ success: z.boolean() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post(`/${input.commentId}`, {
      form: { is_hidden: String(input.hidden) },
      idempotent: true,
      schema: z.object({ success: z.boolean() }),
    });
    return { success: res.data.success };
  },
});
