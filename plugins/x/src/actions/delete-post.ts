import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { xId } from '../schemas.ts';

/** Reference: https://docs.x.com/x-api/posts/delete-post (DELETE /2/tweets/:id, `{ data: { deleted } }`). */
export const deletePost = defineAction({
  description: "Delete one of the connected user's posts",
  scopes: ['tweet.read', 'tweet.write', 'users.read'],
  destructive: true,
  input: z.object({ id: xId }),
  output: z.object({ deleted: z.boolean() }),
  run: async (input, ctx) => {
    const res = await ctx.http.delete(`/2/tweets/${input.id}`, {
      schema: z.object({ data: z.object({ deleted: z.boolean() }) }),
    });
    return { deleted: res.data.data.deleted };
  },
});
