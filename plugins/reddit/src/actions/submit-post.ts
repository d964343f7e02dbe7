import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { subredditName } from '../schemas.ts';

/**
 * Reference: https://www.reddit.com/dev/api/#POST_api_submit (form body, `api_type=json`; a
 * refusal is HTTP 200 with `json.errors`, see reddit-errors.ts). Not retried after a 5xx: Reddit
 * has no idempotency key, so a second try could post twice. Image and video posts need Reddit's
 * media-asset upload lease and are not offered yet.
 */
export const submitPost = defineAction({
  description: 'Submit a text (self) or link post to a subreddit, with an optional flair',
  scopes: ['submit'],
  input: z
    .object({
      subreddit: subredditName,
      title: z.string().min(1).max(300),
      kind: z.enum(['self', 'link']),
      text: z.string().max(40_000).optional().describe('Markdown body of a self post'),
      url: z
        .url({ protocol: /^https?$/ })
        .optional()
        .describe('The link of a link post'),
      flairId: z.string().min(1).max(64).optional().describe("A flair template id from the subreddit's link flair"),
      flairText: z.string().min(1).max(64).optional(),
      nsfw: z.boolean().default(false),
      spoiler: z.boolean().default(false),
      sendReplies: z.boolean().default(true).describe('Send replies to the inbox'),
    })
    .refine((i) => i.kind !== 'link' || i.url !== undefined, { message: 'a link post needs url', path: ['url'] })
    .refine((i) => i.kind !== 'self' || i.url === undefined, { message: 'a self post takes text, not url', path: ['url'] }),
  output: z.object({ id: z.string(), name: z.string(), url: z.string() }),
  run: async (input, ctx) => {
    const form: Record<string, string> = {
      api_type: 'json',
      sr: input.subreddit,
      kind: input.kind,
      title: input.title,
      resubmit: 'true',
      nsfw: String(input.nsfw),
      spoiler: String(input.spoiler),
      sendreplies: String(input.sendReplies),
    };
    if (input.kind === 'self' && input.text !== undefined) form.text = input.text;
    if (input.url !== undefined) form.url = input.url;
    if (input.flairId !== undefined) form.flair_id = input.flairId;
    if (input.flairText !== undefined) form.flair_text = input.flairText;
    const res = await ctx.http.post('/api/submit', {
      form,
      schema: z.object({ json: z.object({ data: z.object({ id: z.string(), name: z.string(), url: z.string() }) }) }),
    });
    return res.data.json.data;
  },
});
