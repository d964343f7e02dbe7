import { z } from 'zod';
import { defineLinkedInAction, encodeUrn, postUrn } from '../organization.ts';

/** Reference: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api#delete-posts */
export const deletePost = defineLinkedInAction({
  description: 'Delete a post of the chosen organization',
  scopes: ['w_organization_social'],
  destructive: true,
  input: z.object({ post: postUrn }),
  output: z.object({ deleted: z.literal(true) }),
  run: async (input, ctx) => {
    // 204 on success; deleting twice answers 404, which is reported as NOT_FOUND.
    await ctx.http.delete(`/rest/posts/${encodeUrn(input.post)}`, { headers: { 'x-restli-method': 'DELETE' } });
    return { deleted: true as const };
  },
});
