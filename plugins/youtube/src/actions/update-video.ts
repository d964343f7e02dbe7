import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { SCOPES, snippetInput, statusInput, summarize, videoId, videoResource } from '../schemas.ts';

/**
 * Reference: https://developers.google.com/youtube/v3/docs/videos/update. The update replaces
 * every part it names: the snippet is sent whole (title and categoryId are required by YouTube,
 * a description or tags left out are cleared), and status only when given, so an update of the
 * title never changes the privacy.
 */
export const updateVideo = defineAction({
  description: "Replace a video's snippet (title, description, tags, category) and optionally its status",
  scopes: [SCOPES.forceSsl],
  input: z.object({ id: videoId, snippet: snippetInput, status: statusInput.optional() }),
  output: z.object({
    id: z.string(),
    title: z.string().nullable(),
    privacyStatus: z.string().nullable(),
    uploadStatus: z.string().nullable(),
  }),
  run: async (input, ctx) => {
    const res = await ctx.http.put('/youtube/v3/videos', {
      query: { part: input.status ? 'snippet,status' : 'snippet' },
      json: { id: input.id, snippet: input.snippet, ...(input.status ? { status: input.status } : {}) },
      schema: videoResource,
    });
    return summarize(res.data);
  },
});
