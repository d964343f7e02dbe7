import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';

/** Reference: https://docs.slack.dev/reference/methods/chat.postMessage */
export const postMessage = defineAction({
  description: 'Post a message to a channel, DM or thread',
  scopes: ['chat:write'],
  input: z.object({
    channel: z.string().min(1).describe('Channel, DM or group id (C…, D…, G…)'),
    text: z.string().min(1).max(40_000),
    threadTs: z.string().optional().describe('Reply in this thread'),
    blocks: z.array(z.record(z.string(), z.unknown())).optional(),
    unfurlLinks: z.boolean().optional(),
  }),
  output: z.object({ channel: z.string(), ts: z.string() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post('/chat.postMessage', {
      json: { channel: input.channel, text: input.text, thread_ts: input.threadTs, blocks: input.blocks, unfurl_links: input.unfurlLinks },
      schema: z.object({ ok: z.literal(true), channel: z.string(), ts: z.string() }),
    });
    return { channel: res.data.channel, ts: res.data.ts };
  },
});
