import { z } from 'zod';
import { chosenPage, webUrl } from '../graph.ts';
import { definePagesAction } from './define.ts';

/** Reference: https://developers.facebook.com/docs/graph-api/reference/page/photos/#Creating */
export const publishPhoto = definePagesAction({
  description: 'Publish a photo on the chosen Page from a public URL Meta can fetch',
  scopes: ['pages_manage_posts'],
  input: z.object({
    url: webUrl.describe('A public https URL of the image; Meta downloads it'),
    caption: z.string().max(63206).optional(),
    published: z.boolean().default(true).describe('false uploads the photo without a feed story'),
  }),
  output: z.object({ id: z.string(), postId: z.string().nullable() }),
  run: async (input, ctx) => {
    const page = chosenPage(ctx.connection.account);
    const form: Record<string, string> = { url: input.url, published: String(input.published) };
    if (input.caption !== undefined) form.caption = input.caption;
    const res = await ctx.http.post(`/${page}/photos`, {
      form,
      schema: z.object({ id: z.string(), post_id: z.string().optional() }),
    });
    return { id: res.data.id, postId: res.data.post_id ?? null };
  },
});
