import { z } from 'zod';
import { chosenPage, webUrl } from '../graph.ts';
import { definePagesAction } from './define.ts';

/**
 * Reference: https://developers.facebook.com/docs/graph-api/reference/page/videos/#Creating
 * (non-resumable publishing from a hosted file: `file_url`). Meta fetches and encodes the file
 * after answering; the id comes back at once and the video appears when processing ends.
 */
export const publishVideo = definePagesAction({
  description: 'Publish a video on the chosen Page from a public file URL Meta downloads',
  scopes: ['pages_manage_posts'],
  timeoutMs: 60_000,
  input: z.object({
    fileUrl: webUrl.describe('A public https URL of the video file'),
    title: z.string().max(255).optional(),
    description: z.string().max(63206).optional(),
    published: z.boolean().default(true),
  }),
  output: z.object({ id: z.string() }),
  run: async (input, ctx) => {
    const page = chosenPage(ctx.connection.account);
    const form: Record<string, string> = { file_url: input.fileUrl, published: String(input.published) };
    if (input.title !== undefined) form.title = input.title;
    if (input.description !== undefined) form.description = input.description;
    const res = await ctx.http.post(`/${page}/videos`, { form, timeoutMs: 60_000, schema: z.object({ id: z.string() }) });
    return { id: res.data.id };
  },
});
