import { ConnectorError, defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { fullname } from '../schemas.ts';

const created = z.object({
  json: z.object({
    data: z.object({
      things: z.array(z.object({ data: z.object({ id: z.string(), name: z.string(), permalink: z.string().optional() }) })).min(1),
    }),
  }),
});

/** Reference: https://www.reddit.com/dev/api/#POST_api_comment (form body, `api_type=json`). Not retried after a 5xx. */
export const comment = defineAction({
  description: 'Reply to a post or a comment',
  scopes: ['submit'],
  input: z.object({
    parent: fullname('t3|t1').describe('The fullname of the post (t3_...) or comment (t1_...) to answer'),
    text: z.string().min(1).max(10_000).describe('Markdown'),
  }),
  output: z.object({ id: z.string(), name: z.string(), permalink: z.string().nullable() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post('/api/comment', {
      form: { api_type: 'json', thing_id: input.parent, text: input.text },
      schema: created,
    });
    const [first] = res.data.json.data.things;
    if (!first) throw new ConnectorError('UPSTREAM_CONTRACT', 'Reddit answered without the new comment');
    const { id, name, permalink } = first.data;
    return { id, name, permalink: permalink ? `https://www.reddit.com${permalink}` : null };
  },
});
