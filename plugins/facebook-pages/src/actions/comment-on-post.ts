import { z } from 'zod';
import { graphId } from '../graph.ts';
import { definePagesAction } from './define.ts';

/** Reference: https://developers.facebook.com/docs/graph-api/reference/object/comments/#publish */
export const commentOnPost = definePagesAction({
  description: 'Comment on a post (or reply to a comment) as the chosen Page',
  scopes: ['pages_manage_engagement'],
  input: z.object({
    objectId: graphId.describe('The post id (<page id>_<post id>) or a comment id to reply to'),
    message: z.string().min(1).max(8000),
  }),
  output: z.object({ id: z.string() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post(`/${input.objectId}/comments`, {
      form: { message: input.message },
      schema: z.object({ id: z.string() }),
    });
    return { id: res.data.id };
  },
});
